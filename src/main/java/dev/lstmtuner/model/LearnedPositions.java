package dev.lstmtuner.model;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Position information for self-attention, which by itself ignores the order of the bars: adds a learned
 * {@code [features, timeSteps]} table to every window (NCW in, NCW out, same shape). The table starts as the
 * sinusoidal encoding of "Attention Is All You Need" (deterministic, so a seed reproduces the network) and is then
 * trained with the rest. DL4J M2.1 has no positional layer; this is a {@link SameDiffLayer}, so DL4J's JSON and
 * model files restore it by class name.
 */
public class LearnedPositions extends SameDiffLayer {
    static final String TABLE = "pos";
    private long size;
    private long timeSteps;

    /** For Jackson (DL4J's JSON deserialisation); the input type sets the shape. */
    public LearnedPositions() {
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r) || r.getTimeSeriesLength() <= 0) {
            throw new IllegalStateException("positions need a recurrent input of known length, got " + inputType);
        }
        if (size <= 0 || override) {
            size = r.getSize();
            timeSteps = r.getTimeSeriesLength();
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return InputTypeUtil.getPreprocessorForInputTypeRnnLayers(inputType, RNNFormat.NCW, getLayerName());
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.clear();
        params.addWeightParam(TABLE, size, timeSteps);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        INDArray table = params.get(TABLE);
        for (int i = 0; i < size; i++) {
            double rate = Math.pow(10_000, -2.0 * (i / 2) / size);
            for (int t = 0; t < timeSteps; t++) {
                table.putScalar(i, t, i % 2 == 0 ? Math.sin(t * rate) : Math.cos(t * rate));
            }
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return input.add(params.get(TABLE));   // [mb, size, T] + [size, T], broadcast over the batch
    }

    public long getSize() {
        return size;
    }

    public void setSize(long size) {
        this.size = size;
    }

    public long getTimeSteps() {
        return timeSteps;
    }

    public void setTimeSteps(long timeSteps) {
        this.timeSteps = timeSteps;
    }
}
