package dev.lstmtuner.result;

/**
 * Test-split forecast quality in price units: MAE, RMSE, MAPE (percent), R², and directional accuracy (share of
 * windows whose predicted move from the last close has the sign of the actual move; flat actual moves excluded).
 */
public record ForecastMetrics(double mae, double rmse, double mape, double r2, double directionAccuracy) {
}
