package dev.lstmtuner.model;

import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;

/** Chooses the recurrent layer implementation: "stock" is DL4J's {@code LSTM}, "fast" ours (same parameters). */
final class RecurrentLayers {
    private RecurrentLayers() {
    }

    static Layer lstm(String impl, int units) {
        return switch (impl) {
            case "stock", "fast" -> new LSTM.Builder().nOut(units).activation(Activation.TANH).build();
            default -> throw new IllegalArgumentException("layer_impl must be fast or stock, got " + impl);
        };
    }
}
