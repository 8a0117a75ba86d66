package dev.lstmtuner.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Drop-in replacement for DL4J's {@link LSTM} layer configuration whose layer runs {@link FastLstmLayer}.
 *
 * <p>It is a subclass of the stock configuration, so the parameter layout (W [nIn,4n], RW [n,4n], b [1,4n], gate
 * order and forget-gate bias init), JSON, {@code Bidirectional} and {@code LastTimeStep} support are DL4J's own;
 * only {@link #instantiate} differs. Build it exactly like the stock layer: {@code new FastLstm.Builder().nIn(..)
 * .nOut(..).activation(Activation.TANH).build()}.
 */
public class FastLstm extends LSTM {

    /** For Jackson (DL4J's JSON deserialisation). */
    public FastLstm() {
    }

    /** A fast copy of a built stock configuration: every field of the stock class hierarchy is copied. */
    public static FastLstm from(LSTM stock) {
        FastLstm fast = new FastLstm();
        for (Class<?> c = LSTM.class; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(fast, f.get(stock));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy LSTM config field " + f.getName(), e);
                }
            }
        }
        return fast;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        // mirrors the stock LSTM.instantiate, with our layer class
        LayerValidation.assertNInNOutSet("FastLstm", getLayerName(), layerIndex, getNIn(), getNOut());
        FastLstmLayer layer = new FastLstmLayer(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        ParamInitializer initializer = initializer();
        Map<String, INDArray> paramTable = initializer.init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    /** Same fluent builder as the stock LSTM's; {@code build()} returns a {@link FastLstm}. */
    public static class Builder extends LSTM.Builder {
        @Override
        @SuppressWarnings("unchecked")
        public FastLstm build() {
            return FastLstm.from(super.build());
        }
    }
}
