package dev.lstmtuner.result;

/**
 * One finished epoch: mean training loss (MSE on the scaled target), validation loss (same units), validation
 * RMSE in price units, the epoch's wall time, and the validation direction accuracy (share of validation windows
 * whose predicted move has the sign of the actual move; NaN where it is undefined or was not recorded: epochs
 * stored before schema version 5).
 */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valRmse, long durationMs,
                           double valDirectionAccuracy) {
    /** Without a validation direction accuracy (hand-built curves in tests and benchmarks). */
    public EpochMetrics(int epoch, double trainLoss, double valLoss, double valRmse, long durationMs) {
        this(epoch, trainLoss, valLoss, valRmse, durationMs, Double.NaN);
    }
}
