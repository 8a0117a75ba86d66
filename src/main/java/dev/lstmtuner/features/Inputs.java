package dev.lstmtuner.features;

import java.util.List;

/**
 * Windows for a trained model to forecast from, scaled with its saved scaler: one per anchor bar t whose window
 * (bars t - timeSteps + 1 .. t) crosses no gap, in time order. {@code x} has {@link Dataset.Split}'s NCW layout.
 * {@code actualClose[k]} is the close at t + horizon, or NaN where that bar lies beyond the data or across a gap.
 */
public record Inputs(List<String> featureNames, int timeSteps, int horizon, int n, float[] x, int[] anchor,
                     long[] anchorTimeMs, double[] anchorClose, double[] actualClose) {

    public int features() {
        return featureNames.size();
    }

    public boolean hasActual(int k) {
        return !Double.isNaN(actualClose[k]);
    }
}
