package dev.lstmtuner.model;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.activations.Activation;

/**
 * Builds the recurrent layer of a {@link LayerChoice}: "lstm" with implementation "fast" ({@link FastLstm}) or
 * "stock" (DL4J's {@code LSTM}, same parameters), "gru" ({@link FastGru}, which has only the fast implementation),
 * or "rnn" (DL4J's {@code SimpleRnn}: h' = tanh(x W + h RW + b), DL4J's own implementation whatever
 * {@code layer_impl} says).
 */
final class RecurrentLayers {
    private RecurrentLayers() {
    }

    static Layer of(LayerChoice choice, int units) {
        return switch (choice.family()) {
            case "lstm" -> lstm(choice.implementation(), units);
            case "gru" -> new FastGru.Builder().nOut(units).dataFormat(RNNFormat.NCW).build();
            case "rnn" -> new SimpleRnn.Builder().nOut(units).activation(Activation.TANH).dataFormat(RNNFormat.NCW).build();
            default -> throw new IllegalArgumentException("not a recurrent family: " + choice.family());
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
