package dev.lstmtuner.result;

import java.util.List;

/**
 * One walk-forward fold's result: its windows per split, its test block's time range, the validation scores used
 * for early stopping and the objective, and its test scores beside persistence with the Diebold–Mariano p-value.
 * {@code valBlockRmse} is the validation RMSE (price units, best epoch) of each of the fold's consecutive
 * validation blocks ({@link #VAL_BLOCKS} of them, fewer for a short block): the paired units of fold-aware pruning.
 * {@code bestValDirectionAccuracy} is the validation direction accuracy at the best epoch (null in rows stored
 * before it was recorded).
 * Stored as JSON with the trial, so fields can be added without a schema change.
 */
public record FoldMetrics(int fold, int trainWindows, int valWindows, int testWindows, long testFromMs,
                          long testToMs, double bestValRmse, double bestValLoss, int epochs, int bestEpoch,
                          ForecastMetrics model, ForecastMetrics persistence, double skill,
                          Double persistencePValue, List<Double> valBlockRmse, Double bestValDirectionAccuracy) {
    /** Validation blocks per fold. */
    public static final int VAL_BLOCKS = 10;

    public FoldMetrics {
        valBlockRmse = valBlockRmse == null ? List.of() : List.copyOf(valBlockRmse);
    }

    /** Without the validation direction accuracy (rows stored before it was recorded). */
    public FoldMetrics(int fold, int trainWindows, int valWindows, int testWindows, long testFromMs, long testToMs,
                       double bestValRmse, double bestValLoss, int epochs, int bestEpoch, ForecastMetrics model,
                       ForecastMetrics persistence, double skill, Double persistencePValue, List<Double> valBlockRmse) {
        this(fold, trainWindows, valWindows, testWindows, testFromMs, testToMs, bestValRmse, bestValLoss, epochs,
                bestEpoch, model, persistence, skill, persistencePValue, valBlockRmse, null);
    }

    /** Without validation blocks (rows stored before they were recorded, hand-built metrics in tests). */
    public FoldMetrics(int fold, int trainWindows, int valWindows, int testWindows, long testFromMs, long testToMs,
                       double bestValRmse, double bestValLoss, int epochs, int bestEpoch, ForecastMetrics model,
                       ForecastMetrics persistence, double skill, Double persistencePValue) {
        this(fold, trainWindows, valWindows, testWindows, testFromMs, testToMs, bestValRmse, bestValLoss, epochs,
                bestEpoch, model, persistence, skill, persistencePValue, List.of(), null);
    }
}
