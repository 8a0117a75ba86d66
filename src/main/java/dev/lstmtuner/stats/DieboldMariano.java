package dev.lstmtuner.stats;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Locale;

/**
 * Diebold–Mariano test of equal forecast accuracy for two forecasts of the same targets, as R's
 * {@code forecast::dm.test(power = 2)}: squared-error loss differential d = eA² − eB², its long-run variance with
 * h−1 autocovariance lags (h = 1: the plain variance), the Harvey–Leybourne–Newbold small-sample correction, and a
 * two-sided p-value from Student's t with n−1 degrees of freedom. When h > 1 and the long-run variance comes out
 * negative (strongly negative autocovariances), it falls back to the h = 1 variance and statistic, as
 * {@code dm.test} does, and says so in {@link Result#note()}.
 */
public final class DieboldMariano {
    /** Below this p-value the verdict calls the difference real. */
    public static final double ALPHA = 0.05;

    private DieboldMariano() {
    }

    /**
     * The outcome: the corrected statistic (negative = A has the smaller loss), its p-value, the number of paired
     * errors, the horizon whose variance was used (1 after a fallback), the better forecast ("A", "B", or null when
     * the losses are exactly equal), a verdict in plain words, and a note saying what was changed (null when
     * nothing was).
     */
    public record Result(double statistic, double pValue, int n, int horizon, double meanLossDifference,
                         String better, boolean significant, String verdict, String note) {
    }

    /** Tests errors (prediction − actual) of forecast A against forecast B at horizon {@code h}. */
    public static Result test(double[] errorsA, double[] errorsB, int h) {
        return test(errorsA, errorsB, h, "A", "B");
    }

    /** As {@link #test(double[], double[], int)}, naming the forecasts in the verdict. */
    public static Result test(double[] errorsA, double[] errorsB, int h, String nameA, String nameB) {
        if (errorsA.length != errorsB.length) {
            throw new IllegalArgumentException("the two forecasts cover different windows: " + errorsA.length
                    + " vs " + errorsB.length + " errors; compare trials evaluated on the same test split");
        }
        int n = errorsA.length;
        if (h < 1) throw new IllegalArgumentException("horizon must be at least 1, got " + h);
        if (n < 3 || n <= h) {
            throw new IllegalArgumentException("too few paired errors (" + n + ") for a Diebold–Mariano test");
        }
        double[] d = new double[n];
        double mean = 0;
        for (int t = 0; t < n; t++) {
            d[t] = errorsA[t] * errorsA[t] - errorsB[t] * errorsB[t];
            mean += d[t];
        }
        mean /= n;
        double longRun = autocovariance(d, mean, 0);
        for (int k = 1; k < h; k++) longRun += 2 * autocovariance(d, mean, k);
        double variance = longRun / n;
        if (!(variance > 0) && h > 1 && autocovariance(d, mean, 0) > 0) {
            // R's dm.test: "Variance is negative, using horizon h=1"
            Result r = test(errorsA, errorsB, 1, nameA, nameB);
            String note = String.format(Locale.ROOT, "The long-run variance of the loss difference at horizon %d"
                    + " came out negative (%.3g), so the test uses the horizon-1 variance instead, as R's dm.test"
                    + " does.", h, variance);
            return new Result(r.statistic(), r.pValue(), n, 1, mean, r.better(), r.significant(),
                    note + " " + r.verdict(), note);
        }
        if (!(variance > 0)) {
            // identical (or exactly offset) losses: no evidence either way
            String better = mean == 0 ? null : mean < 0 ? "A" : "B";
            return new Result(0, 1, n, h, mean, better, false, mean == 0
                    ? "The two forecasts have identical errors on every window: no difference."
                    : "The loss difference is constant, so its variance is zero and the test cannot be applied.", null);
        }
        double dm = mean / Math.sqrt(variance);
        double hln = Math.sqrt((n + 1 - 2.0 * h + h * (h - 1.0) / n) / n);
        double stat = dm * hln;
        double p = 2 * new TDistribution(null, n - 1).cumulativeProbability(-Math.abs(stat));
        String better = mean < 0 ? "A" : mean > 0 ? "B" : null;
        boolean significant = p < ALPHA && better != null;
        return new Result(stat, p, n, h, mean, better, significant,
                verdict(better == null ? null : better.equals("A") ? nameA : nameB,
                        better == null ? null : better.equals("A") ? nameB : nameA, p, significant), null);
    }

    private static double autocovariance(double[] d, double mean, int lag) {
        double s = 0;
        for (int t = lag; t < d.length; t++) s += (d[t] - mean) * (d[t - lag] - mean);
        return s / d.length;
    }

    private static String verdict(String better, String worse, double p, boolean significant) {
        String pText = p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
        if (better == null) return "No difference: the mean squared errors are equal (" + pText + ").";
        if (significant) {
            return better + " forecasts better than " + worse + ": its squared errors are smaller and the difference"
                    + " is unlikely to be chance (" + pText + ").";
        }
        return "No real difference: " + better + " has slightly smaller squared errors, but a gap this size is"
                + " plausible by chance (" + pText + ").";
    }
}
