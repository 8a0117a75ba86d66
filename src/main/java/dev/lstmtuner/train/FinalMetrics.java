package dev.lstmtuner.train;

/**
 * A finished run's evaluation: the model and the persistence baseline (next price = last price) on the same test
 * windows, skill = 1 - RMSE_model / RMSE_persistence (above 0 means the model beats persistence), the best
 * validation RMSE in price units (the default search objective) and the run's size and cost.
 */
public record FinalMetrics(ForecastMetrics model, ForecastMetrics persistence, double skill, double bestValRmse,
                           long params, int epochs, int bestEpoch, double trainingSeconds, int testWindows) {
}
