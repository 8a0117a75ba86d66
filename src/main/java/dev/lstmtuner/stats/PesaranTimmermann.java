package dev.lstmtuner.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Locale;

/**
 * Pesaran–Timmermann (1992) test of direction accuracy against a coin flip that respects the base rates: under the
 * null, the predicted and the actual directions are independent, so the expected hit rate is
 * P* = Py·Px + (1 − Py)(1 − Px) (Py, Px: the shares of actual and predicted "up"), not one half. A forecast that
 * always says "up" in a rising market scores a high direction accuracy and PT ≈ 0. The statistic
 * (P − P*) / sqrt(V(P) − V(P*)) is standard normal under the null; the p-value is one-sided (better than the coin).
 * <p>
 * The bars are those where the actual price moved (as {@code direction_accuracy} counts them); a predicted move is
 * "up" when the forecast is above the last close, otherwise "not up".
 */
public final class PesaranTimmermann {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private PesaranTimmermann() {
    }

    /**
     * The hit rate P over {@code n} moving bars, the base-rate coin's expected hit rate P*, the statistic and its
     * one-sided p-value (NaN when the test cannot be applied, with {@code note} saying why).
     */
    public record Result(int n, double hitRate, double expectedHitRate, double statistic, double pValue, String note) {
        public boolean tested() {
            return !Double.isNaN(pValue);
        }

        /** "direction 56.2 % vs coin 50.9 % (PT p = 0.003)". */
        public String words() {
            if (!tested()) return "direction not tested (" + note + ")";
            return String.format(Locale.ROOT, "direction %.1f %% vs base-rate coin %.1f %% (Pesaran–Timmermann %s)",
                    100 * hitRate, 100 * expectedHitRate, pValue < 0.001 ? "p < 0.001"
                            : String.format(Locale.ROOT, "p = %.3g", pValue));
        }
    }

    /** Tests forecasts {@code predicted} of {@code actual} made at the last known close {@code anchor}. */
    public static Result test(double[] predicted, double[] actual, double[] anchor) {
        if (predicted.length != actual.length || actual.length != anchor.length) {
            throw new IllegalArgumentException("predicted, actual and last close differ in length: "
                    + predicted.length + ", " + actual.length + ", " + anchor.length);
        }
        int n = 0;
        for (int i = 0; i < actual.length; i++) if (actual[i] != anchor[i] && Double.isFinite(actual[i] - anchor[i])) n++;
        boolean[] up = new boolean[n], predictedUp = new boolean[n];
        int j = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == anchor[i] || !Double.isFinite(actual[i] - anchor[i])) continue;
            up[j] = actual[i] > anchor[i];
            predictedUp[j] = predicted[i] > anchor[i];
            j++;
        }
        return test(predictedUp, up);
    }

    /** Tests predicted directions against actual ones (true = up), paired by index. */
    public static Result test(boolean[] predictedUp, boolean[] actualUp) {
        if (predictedUp.length != actualUp.length) {
            throw new IllegalArgumentException("predicted and actual directions differ in length: "
                    + predictedUp.length + " vs " + actualUp.length);
        }
        int n = actualUp.length;
        if (n < 2) return new Result(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "fewer than 2 moving bars");
        int hits = 0, ups = 0, predictedUps = 0;
        for (int i = 0; i < n; i++) {
            if (predictedUp[i] == actualUp[i]) hits++;
            if (actualUp[i]) ups++;
            if (predictedUp[i]) predictedUps++;
        }
        double p = (double) hits / n, py = (double) ups / n, px = (double) predictedUps / n;
        double pStar = py * px + (1 - py) * (1 - px);
        double varP = pStar * (1 - pStar) / n;
        double varPStar = sq(2 * py - 1) * px * (1 - px) / n + sq(2 * px - 1) * py * (1 - py) / n
                + 4 * py * px * (1 - py) * (1 - px) / ((double) n * n);
        double variance = varP - varPStar;
        if (px == 0 || px == 1) {
            return new Result(n, p, pStar, Double.NaN, Double.NaN,
                    "the forecast always predicts the same direction, so its hits are the base rate");
        }
        if (py == 0 || py == 1) {
            return new Result(n, p, pStar, Double.NaN, Double.NaN, "the price moved the same way on every bar");
        }
        if (!(variance > 0)) {
            return new Result(n, p, pStar, Double.NaN, Double.NaN, "the statistic's variance is not positive");
        }
        double stat = (p - pStar) / Math.sqrt(variance);
        return new Result(n, p, pStar, stat, 1 - NORMAL.cumulativeProbability(stat), null);
    }

    private static double sq(double x) {
        return x * x;
    }
}
