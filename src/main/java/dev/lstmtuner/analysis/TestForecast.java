package dev.lstmtuner.analysis;

/** One COMPLETE trial's test-split forecasts, with the horizon it forecast at (for the tests' lags and blocks). */
public record TestForecast(int trial, int horizon, Predictions predictions) {
}
