package dev.lstmtuner.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The final state of each direction of a {@code Bidirectional} (CONCAT) recurrent layer: the forward half of its
 * output at the last step and the backward half at step 0, where the backward direction has read the whole window.
 * DL4J's {@code LastTimeStep} around the bidirectional layer takes both halves at the last step, where the backward
 * direction has seen only the last bar; {@code Bidirectional} around {@code LastTimeStep} cannot backpropagate in
 * M2.1. Parameter-free; run by {@link BidirectionalFinalStateLayer}.
 */
public class BidirectionalFinalState extends NoParamLayer {

    /** For Jackson (DL4J's JSON deserialisation) and the network builder. */
    public BidirectionalFinalState() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        BidirectionalFinalStateLayer layer = new BidirectionalFinalStateLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalArgumentException("BidirectionalFinalState (layer " + layerIndex
                    + ") needs the recurrent output of a bidirectional layer, got " + inputType);
        }
        return InputType.feedForward(r.getSize());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(getLayerName(), BidirectionalFinalState.class, inputType, out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
