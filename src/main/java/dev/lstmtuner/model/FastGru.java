package dev.lstmtuner.model;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GRU layer configuration (DL4J M2.1 has none), run by {@link FastGruLayer}. PyTorch's convention
 * ({@code nn.GRU}), gates in the order r, z, n:
 * <pre>
 *   r  = sigmoid(x W_r + b_r + h RW_r)
 *   z  = sigmoid(x W_z + b_z + h RW_z)
 *   n  = tanh(x W_n + b_n + r * (h RW_n + bh))
 *   h' = (1 - z) * n + z * h
 * </pre>
 * Parameters are laid out by {@link GruParamInitializer}. The configuration is a {@link BaseRecurrentLayer}, so
 * DL4J's JSON, {@code Bidirectional} and {@code LastTimeStep} work with it and model files restore it by class name.
 * Build it like DL4J's layers: {@code new FastGru.Builder().nOut(64).build()}.
 */
public class FastGru extends BaseRecurrentLayer {

    /** For Jackson (DL4J's JSON deserialisation). */
    public FastGru() {
    }

    private FastGru(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FastGru", getLayerName(), layerIndex, getNIn(), getNOut());
        FastGruLayer layer = new FastGruLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        long updaterState = getIUpdater() == null ? 0 : getIUpdater().stateSize(params);
        return new LayerMemoryReport.Builder(getLayerName(), FastGru.class, inputType, out)
                .standardMemory(params, updaterState)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0)
                .build();
    }

    /** DL4J's recurrent-layer builder; {@code build()} returns a {@link FastGru}. */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public FastGru build() {
            return new FastGru(this);
        }
    }
}
