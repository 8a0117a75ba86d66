package dev.lstmtuner.analysis.diagnosis;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Median;

import java.util.Arrays;

/**
 * The trend statistics the epoch rules share: the Mann–Kendall test (a rank test: no assumption about the curve's
 * shape or the noise's distribution), Sen's slope (the median of all pairwise slopes: a trend that one spike does
 * not move) and a noise level measured from epoch-to-epoch differences (so a trend does not count as noise).
 */
final class Trend {
    /** Up to this length, without ties, the Mann–Kendall p-value is exact; beyond, the normal approximation. */
    static final int EXACT_UP_TO = 60;
    private static final NormalDistribution NORMAL = new NormalDistribution();
    /** MAD to standard deviation for normal noise. */
    private static final double MAD_TO_SD = 1.4826;
    private static final double[][] CDF = new double[EXACT_UP_TO + 1][];

    private Trend() {
    }

    /** One-sided Mann–Kendall p-value for an upward trend in {@code x} (1 for fewer than 3 values). */
    static double upwardP(double[] x) {
        int n = x.length;
        if (n < 3) return 1;
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) s += Double.compare(x[j], x[i]) > 0 ? 1 : x[j] == x[i] ? 0 : -1;
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double ties = 0;
        boolean tied = false;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) j++;
            long t = j - i;
            if (t > 1) {
                tied = true;
                ties += t * (t - 1) * (2 * t + 5);
            }
            i = j;
        }
        if (!tied && n <= EXACT_UP_TO) return exactUpper(n, s);
        double var = (n * (n - 1.0) * (2 * n + 5) - ties) / 18;
        if (var <= 0) return 1;
        double z = (s - Math.signum(s)) / Math.sqrt(var);
        return 1 - NORMAL.cumulativeProbability(z);
    }

    /** One-sided Mann–Kendall p-value for a downward trend. */
    static double downwardP(double[] x) {
        double[] neg = new double[x.length];
        for (int i = 0; i < x.length; i++) neg[i] = -x[i];
        return upwardP(neg);
    }

    /**
     * P(S ≥ s) when every order is equally likely: S = N − 2·(inversions), N = n(n−1)/2, and the number of
     * inversions of a random permutation follows the Mahonian distribution.
     */
    private static double exactUpper(int n, long s) {
        double[] cumulative = mahonianCdf(n);
        long maxInversions = (n * (n - 1L) / 2 - s) / 2; // S ≥ s  ⇔  inversions ≤ (N − s)/2
        if (maxInversions < 0) return 0;
        return Math.min(1, cumulative[(int) Math.min(maxInversions, cumulative.length - 1)]);
    }

    /** The cumulative Mahonian distribution for length n, built one element at a time, once per length. */
    private static synchronized double[] mahonianCdf(int n) {
        if (CDF[n] != null) return CDF[n];
        double[] dist = {1};
        for (int k = 2; k <= n; k++) {
            double[] next = new double[dist.length + k - 1];
            for (int i = 0; i < dist.length; i++) {
                for (int j = 0; j < k; j++) next[i + j] += dist[i] / k;
            }
            dist = next;
        }
        for (int i = 1; i < dist.length; i++) dist[i] += dist[i - 1];
        CDF[n] = dist;
        return dist;
    }

    /** Sen's slope: the median of (x[j] − x[i]) / (j − i) over all pairs i < j (0 for fewer than 2 values). */
    static double senSlope(double[] x) {
        int n = x.length;
        if (n < 2) return 0;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) slopes[k++] = (x[j] - x[i]) / (j - i);
        }
        return new Median().evaluate(slopes);
    }

    /**
     * The noise's standard deviation from first differences: a difference of two independent draws has √2 times
     * their deviation, and the median absolute deviation of the differences ignores both a trend (it shifts every
     * difference alike) and a few spikes.
     */
    static double noise(double[] x) {
        if (x.length < 3) return 0;
        double[] d = new double[x.length - 1];
        for (int i = 0; i < d.length; i++) d[i] = x[i + 1] - x[i];
        double med = new Median().evaluate(d);
        double[] dev = new double[d.length];
        for (int i = 0; i < d.length; i++) dev[i] = Math.abs(d[i] - med);
        return MAD_TO_SD * new Median().evaluate(dev) / Math.sqrt(2);
    }

    /** The median of {@code x[from..to)}. */
    static double median(double[] x, int from, int to) {
        return new Median().evaluate(Arrays.copyOfRange(x, from, to));
    }
}
