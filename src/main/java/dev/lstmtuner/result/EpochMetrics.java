package dev.lstmtuner.result;

/**
 * One finished epoch: mean training loss (MSE on the scaled target), validation loss (same units), validation
 * RMSE in price units, and the epoch's wall time.
 */
public record EpochMetrics(int epoch, double trainLoss, double valLoss, double valRmse, long durationMs) {
}
