package dev.lstmtuner.analysis;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.Locale;

/**
 * How large a gap a confirmation can detect: the power of the two-sided paired t-test over n shared seeds, from the
 * noncentral t distribution (integrated over the chi-square of the sample variance), and the smallest gap, in sd of
 * the seed-to-seed differences, that it detects with a given power.
 */
public final class SeedPower {
    /** The power the end report quotes the detectable gap at. */
    public static final double POWER = 0.8;
    private static final NormalDistribution Z = new NormalDistribution(null, 0, 1);
    private static final int STEPS = 4000;

    private SeedPower() {
    }

    /**
     * The probability that a two-sided paired t-test at {@code alpha} over {@code n} pairs rejects when the mean
     * difference is {@code effect} sd of the differences; NaN below 2 pairs.
     */
    public static double power(int n, double effect, double alpha) {
        if (n < 2) return Double.NaN;
        int df = n - 1;
        double c = new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
        double ncp = effect * Math.sqrt(n);
        ChiSquaredDistribution chi = new ChiSquaredDistribution(null, df);
        // over u = sqrt(v), v the chi-square: P(|Z + ncp| > c·u/sqrt(df)) · density(u²) · 2u, by the midpoint rule
        // (the substitution removes the density's pole at 0 for one degree of freedom)
        double top = Math.sqrt(chi.inverseCumulativeProbability(1 - 1e-12)), h = top / STEPS, p = 0;
        for (int i = 0; i < STEPS; i++) {
            double u = (i + 0.5) * h;
            double s = c * u / Math.sqrt(df);
            double reject = 1 - Z.cumulativeProbability(s - ncp) + Z.cumulativeProbability(-s - ncp);
            p += reject * chi.density(u * u) * 2 * u * h;
        }
        return Math.min(1, p);
    }

    /** The smallest mean difference (in sd of the differences) detected with {@code power}; NaN below 2 pairs. */
    public static double detectable(int n, double alpha, double power) {
        if (n < 2) return Double.NaN;
        double lo = 0, hi = 100;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (power(n, mid, alpha) < power) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /** The end report's power sentence for a confirmation of {@code n} fresh seeds per trial. */
    public static String sentence(int n, double alpha) {
        if (n < 2) {
            return "power: with " + n + " fresh seed" + (n == 1 ? "" : "s") + " per trial no gap can be told from seed"
                    + " noise (a paired test needs at least 2)";
        }
        double d = detectable(n, alpha, POWER);
        return String.format(Locale.ROOT, "power: with %d fresh seeds per trial, a paired t-test at α = %.2f finds a"
                + " real gap %d %% of the time only when it is at least %.1f sd of the seed-to-seed differences;"
                + " smaller real gaps will mostly read as ties", n, alpha, Math.round(POWER * 100), d);
    }
}
