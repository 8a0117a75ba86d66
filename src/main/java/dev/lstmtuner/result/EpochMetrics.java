package dev.lstmtuner.result;

/**
 * One finished epoch: mean training loss (MSE on the scaled target), validation loss (same units), validation
 * RMSE in price units, the epoch's wall time, the validation direction accuracy (share of validation windows
 * whose predicted move has the sign of the actual move; NaN where it is undefined or was not recorded: epochs
 * stored before schema version 5) and the fidelity: the share of the training windows (the most recent ones) the
 * epoch trained on, as its config's schedule gave it (1 = all; so are epochs stored before schema version 14).
 * Validation is always on the whole validation region, whatever the fidelity.
 */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valRmse, long durationMs,
                           double valDirectionAccuracy, double fidelity) {
    /** On all the training windows. */
    public EpochMetrics(int epoch, double trainLoss, double valLoss, double valRmse, long durationMs,
                        double valDirectionAccuracy) {
        this(epoch, trainLoss, valLoss, valRmse, durationMs, valDirectionAccuracy, 1.0);
    }

    /** Without a validation direction accuracy (hand-built curves in tests and benchmarks). */
    public EpochMetrics(int epoch, double trainLoss, double valLoss, double valRmse, long durationMs) {
        this(epoch, trainLoss, valLoss, valRmse, durationMs, Double.NaN);
    }
}
