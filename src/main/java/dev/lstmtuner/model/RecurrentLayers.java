package dev.lstmtuner.model;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/** Chooses the recurrent layer implementation: "fast" is ours ({@link FastLstm}), "stock" DL4J's {@code LSTM}; same parameters. */
final class RecurrentLayers {
    private RecurrentLayers() {
    }

    static Layer lstm(String impl, int units) {
        LSTM.Builder b = switch (impl) {
            case "fast" -> new FastLstm.Builder();
            case "stock" -> new LSTM.Builder();
            default -> throw new IllegalArgumentException("layer_impl must be fast or stock, got " + impl);
        };
        return b.nOut(units).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build();
    }
}
