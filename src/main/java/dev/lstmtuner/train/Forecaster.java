package dev.lstmtuner.train;

import dev.lstmtuner.baseline.BaselineModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained model of any family, as evaluation and prediction use it: exactly one of a DL4J network (lstm, gru,
 * rnn, transformer) or a {@link BaselineModel} (linear, forest). Both take the same scaled windows and give the scaled target.
 */
public record Forecaster(MultiLayerNetwork network, BaselineModel baseline) {
    public Forecaster {
        if ((network == null) == (baseline == null)) throw new IllegalArgumentException("exactly one model");
    }

    public static Forecaster of(MultiLayerNetwork net) {
        return new Forecaster(net, null);
    }

    public static Forecaster of(BaselineModel m) {
        return new Forecaster(null, m);
    }

    /** Scaled outputs for {@code n} windows laid out flat in NCW order (see {@link Forecasts#predictScaled}). */
    public float[] predictScaled(float[] x, int[] anchor, int n, int features, int timeSteps) {
        return network != null ? Forecasts.predictScaled(network, x, anchor, n, features, timeSteps)
                : baseline.predictScaled(x, n, features * timeSteps);
    }

    public long numParams() {
        return network != null ? network.numParams() : baseline.numParams();
    }
}
