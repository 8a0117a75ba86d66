package dev.lstmtuner.train;

import dev.lstmtuner.result.ForecastMetrics;

/** Forecast error measures in price units, for the model and the persistence baseline alike. */
public final class Metrics {
    private Metrics() {
    }

    public static double rmse(double[] pred, double[] actual) {
        double s = 0;
        for (int i = 0; i < pred.length; i++) {
            double d = pred[i] - actual[i];
            s += d * d;
        }
        return Math.sqrt(s / pred.length);
    }

    /**
     * @param anchor the last known close of each window: the persistence forecast, and the reference for the
     *               direction of a move
     */
    public static ForecastMetrics of(double[] pred, double[] actual, double[] anchor) {
        int n = pred.length;
        double abs = 0, sq = 0, pct = 0, mean = 0;
        for (double a : actual) mean += a;
        mean /= n;
        double tot = 0;
        int moves = 0, hits = 0;
        for (int i = 0; i < n; i++) {
            double d = pred[i] - actual[i];
            abs += Math.abs(d);
            sq += d * d;
            pct += Math.abs(d / actual[i]);
            tot += (actual[i] - mean) * (actual[i] - mean);
            double actualMove = Math.signum(actual[i] - anchor[i]);
            if (actualMove != 0) {
                moves++;
                if (Math.signum(pred[i] - anchor[i]) == actualMove) hits++;
            }
        }
        // persistence predicts no move at all: its direction accuracy is undefined, not 0
        boolean predictsNoMove = true;
        for (int i = 0; i < n && predictsNoMove; i++) predictsNoMove = pred[i] == anchor[i];
        double direction = moves == 0 || predictsNoMove ? Double.NaN : (double) hits / moves;
        return new ForecastMetrics(abs / n, Math.sqrt(sq / n), 100.0 * pct / n, tot == 0 ? Double.NaN : 1 - sq / tot, direction);
    }
}
