package dev.lstmtuner.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down adjustment (Holm 1979): the family-wise error rate (the chance of even one false claim among the
 * tests) stays at most α under any dependence between the tests, which matters here because every trial of a
 * campaign is scored on the same test windows, so their p-values are strongly correlated.
 */
public final class Holm {
    private Holm() {
    }

    /**
     * Adjusted p-values, in the order given: the i-th smallest raw p times (m − i + 1), made monotone and capped at
     * 1. NaN entries (untested) are left NaN and do not count towards m.
     */
    public static double[] adjust(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) if (!Double.isNaN(p[i])) order[m++] = i;
        Integer[] tested = Arrays.copyOf(order, m);
        Arrays.sort(tested, Comparator.comparingDouble(i -> p[i]));
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int r = 0; r < m; r++) {
            running = Math.max(running, Math.min(1, (m - r) * p[tested[r]]));
            out[tested[r]] = running;
        }
        return out;
    }
}
