package dev.lstmtuner.train;

/**
 * One walk-forward fold's result: its windows per split, its test block's time range, the validation scores used
 * for early stopping and the objective, and its test scores beside persistence with the Diebold–Mariano p-value.
 * Stored as JSON with the trial, so fields can be added without a schema change.
 */
public record FoldMetrics(int fold, int trainWindows, int valWindows, int testWindows, long testFromMs,
                          long testToMs, double bestValRmse, double bestValLoss, int epochs, int bestEpoch,
                          ForecastMetrics model, ForecastMetrics persistence, double skill,
                          Double persistencePValue) {
}
