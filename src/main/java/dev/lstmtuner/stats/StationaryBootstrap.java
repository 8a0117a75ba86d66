package dev.lstmtuner.stats;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

import java.util.SplittableRandom;

/**
 * The stationary bootstrap of Politis and Romano (1994): a resample of a series of n values is a run of blocks, each
 * starting at a uniform position and of geometric length with mean {@code meanBlock}, wrapping around the end, until
 * n values are drawn. It keeps the serial dependence within blocks (forecast errors of h-step forecasts overlap).
 * Resampled means are computed from prefix sums block by block, so a resample costs about n / meanBlock operations
 * per series, not n.
 */
public final class StationaryBootstrap {
    private final int n;
    private final double p;
    private final SplittableRandom rng;

    public StationaryBootstrap(int n, double meanBlock, long seed) {
        if (n < 2) throw new IllegalArgumentException("a bootstrap needs at least 2 values, got " + n);
        if (!(meanBlock >= 1)) throw new IllegalArgumentException("the mean block length must be at least 1, got " + meanBlock);
        this.n = n;
        this.p = 1 / meanBlock;
        this.rng = new SplittableRandom(seed);
    }

    /** One resample as blocks: {@code starts[i]} and {@code lengths[i]}, lengths summing to n; returns the count. */
    public int draw(int[] starts, int[] lengths) {
        int total = 0, blocks = 0;
        while (total < n) {
            int len = p >= 1 ? 1 : 1 + (int) Math.min(n, Math.floor(Math.log(1 - rng.nextDouble()) / Math.log(1 - p)));
            len = Math.min(len, n - total);
            starts[blocks] = rng.nextInt(n);
            lengths[blocks] = len;
            blocks++;
            total += len;
        }
        return blocks;
    }

    /** Prefix sums of x (length n + 1), for {@link #blockSum}. */
    public static double[] prefix(double[] x) {
        double[] s = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) s[i + 1] = s[i] + x[i];
        return s;
    }

    /** The sum of a circular block of the series whose prefix sums are {@code prefix}. */
    public static double blockSum(double[] prefix, int start, int length) {
        int n = prefix.length - 1, end = start + length;
        return end <= n ? prefix[end] - prefix[start] : prefix[n] - prefix[start] + prefix[end - n];
    }

    /**
     * The variance of sqrt(n) times the stationary-bootstrap mean of x (Politis and Romano 1994, eq. 7): the sample
     * autocovariances weighted by κ(i) = (1 − i/n)(1 − p)^i + (i/n)(1 − p)^(n − i). Autocovariance sums by FFT.
     */
    public static double longRunVariance(double[] x, double meanBlock) {
        int n = x.length;
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        int m = Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1;
        double[] padded = new double[m];
        for (int i = 0; i < n; i++) padded[i] = x[i] - mean;
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        Complex[] f = fft.transform(padded, TransformType.FORWARD);
        for (int i = 0; i < m; i++) f[i] = new Complex(f[i].abs() * f[i].abs(), 0);
        Complex[] s = fft.transform(f, TransformType.INVERSE);
        double q = 1 - 1 / meanBlock;
        double v = s[0].getReal() / n;
        for (int i = 1; i < n; i++) {
            double kappa = (1 - (double) i / n) * Math.pow(q, i) + ((double) i / n) * Math.pow(q, n - i);
            v += 2 * kappa * s[i].getReal() / n;
        }
        return v;
    }
}
