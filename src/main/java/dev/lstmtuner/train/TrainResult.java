package dev.lstmtuner.train;

import dev.lstmtuner.result.EpochMetrics;

import java.util.List;

/**
 * How a training run went: the epoch curve, the best epoch (whose weights the network holds afterwards), and why it
 * stopped: max epochs, early stopping, or a listener's stop (a pruned trial, {@code pruned} true).
 */
public record TrainResult(List<EpochMetrics> curve, int bestEpoch, double bestValLoss, double bestValRmse,
                          String stopReason, boolean pruned, double trainingSeconds) {
    public int epochs() {
        return curve.size();
    }

    /** The best epoch's validation direction accuracy (NaN when there is no best epoch). */
    public double bestValDirectionAccuracy() {
        return bestEpoch < 1 || bestEpoch > curve.size() ? Double.NaN : curve.get(bestEpoch - 1).valDirectionAccuracy();
    }
}
