package dev.lstmtuner.result;

import java.util.List;

/**
 * A finished run's evaluation: the model and the persistence baseline (next price = last price) on the same test
 * windows, skill = 1 - RMSE_model / RMSE_persistence (above 0 means a smaller RMSE than persistence), the best
 * validation RMSE in price units (the default search objective) and the run's size and cost.
 * {@code persistenceStatistic}/{@code persistencePValue} are the Diebold–Mariano test of the model against
 * persistence on the test windows (null when there were too few); only that test may call a model better (the words
 * are {@code analysis.Verdict}'s).
 * {@code folds} holds each walk-forward fold's result (empty for a single split). {@code ridgeRmse}/{@code ridgePValue}
 * are the ridge regression baseline fitted on the same training windows, on the same test windows: its RMSE and the
 * Diebold–Mariano p-value of the model against it (null when none was fitted, as before schema version 6).
 */
public record FinalMetrics(ForecastMetrics model, ForecastMetrics persistence, double skill, double bestValRmse,
                           long params, int epochs, int bestEpoch, double trainingSeconds, int testWindows,
                           Double persistenceStatistic, Double persistencePValue, List<FoldMetrics> folds,
                           Double ridgeRmse, Double ridgePValue) {

    public FinalMetrics {
        folds = folds == null ? List.of() : List.copyOf(folds);
    }

    /** Without a ridge baseline (runs evaluated before it existed; tests that build metrics by hand). */
    public FinalMetrics(ForecastMetrics model, ForecastMetrics persistence, double skill, double bestValRmse,
                        long params, int epochs, int bestEpoch, double trainingSeconds, int testWindows,
                        Double persistenceStatistic, Double persistencePValue, List<FoldMetrics> folds) {
        this(model, persistence, skill, bestValRmse, params, epochs, bestEpoch, trainingSeconds, testWindows,
                persistenceStatistic, persistencePValue, folds, null, null);
    }

    /** Without a persistence test or folds (stores and tests that build metrics by hand). */
    public FinalMetrics(ForecastMetrics model, ForecastMetrics persistence, double skill, double bestValRmse,
                        long params, int epochs, int bestEpoch, double trainingSeconds, int testWindows) {
        this(model, persistence, skill, bestValRmse, params, epochs, bestEpoch, trainingSeconds, testWindows,
                null, null, List.of());
    }
}
