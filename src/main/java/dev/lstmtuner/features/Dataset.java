package dev.lstmtuner.features;

import java.util.List;

/**
 * Model-ready windows in three chronological splits. Each window covers {@code timeSteps} consecutive bars ending
 * at its anchor bar t; its target is the value at t + horizon. A window belongs to the split that holds its target
 * bar, and no window crosses a gap. Scalers are fitted on the training split only.
 */
public record Dataset(List<String> featureNames, int timeSteps, int horizon, String target,
                      Split train, Split val, Split test,
                      Scaler featureScaler, Scaler targetScaler,
                      int warmupRowsDropped, int windowsSkippedAtGaps) {

    public int features() {
        return featureNames.size();
    }

    /**
     * One split. {@code x} is flat, in DL4J's NCW order: window k, feature f, step s at
     * {@code x[(k * features + f) * timeSteps + s]}, already scaled. {@code y} is the scaled target.
     * {@code anchor[k]} is the series index of the window's last bar, {@code anchorClose[k]} its close and
     * {@code actualClose[k]} the close at anchor + horizon, the price the forecast is judged against.
     */
    public record Split(int n, float[] x, float[] y, int[] anchor, long[] anchorTimeMs, double[] anchorClose,
                        double[] actualClose) {
    }
}
