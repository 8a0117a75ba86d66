package dev.lstmtuner.model;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/**
 * Chooses the recurrent layer: cell "lstm" with implementation "fast" ({@link FastLstm}) or "stock" (DL4J's
 * {@code LSTM}, same parameters), or cell "gru" ({@link FastGru}, which has only the fast implementation).
 */
final class RecurrentLayers {
    private RecurrentLayers() {
    }

    static Layer of(String cell, String impl, int units) {
        return switch (cell) {
            case "lstm" -> lstm(impl, units);
            case "gru" -> new FastGru.Builder().nOut(units).dataFormat(RNNFormat.NCW).build();
            default -> throw new IllegalArgumentException("cell must be lstm or gru, got " + cell);
        };
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
