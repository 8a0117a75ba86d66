package dev.lstmtuner.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StationaryBootstrapTest {
    @Test
    void longRunVarianceMatchesTheDirectPolitisRomanoSum() {
        // reference: the O(n²) sum of κ-weighted autocovariances in NumPy (as arch's SPA._compute_variance)
        double[] x = {0.3, -1.2, 0.8, 0.1, 2.0, -0.4, -0.9, 1.1, 0.5, -0.2, 0.7, -1.5, 0.05, 0.9};
        assertThat(StationaryBootstrap.longRunVariance(x, 3.0)).isCloseTo(0.39863128501731915, within(1e-12));
    }

    @Test
    void blocksCoverTheSeriesWithTheRequestedMeanLength() {
        StationaryBootstrap b = new StationaryBootstrap(1000, 10, 3);
        int[] starts = new int[1000], lengths = new int[1000];
        long blocks = 0;
        for (int r = 0; r < 200; r++) {
            int k = b.draw(starts, lengths);
            int total = 0;
            for (int i = 0; i < k; i++) total += lengths[i];
            assertThat(total).isEqualTo(1000);
            blocks += k;
        }
        // about n / meanBlock blocks per resample
        assertThat(blocks / 200.0).isCloseTo(100, within(8.0));
    }

    @Test
    void resampledMeansOfAnAutocorrelatedSeriesHaveTheLongRunVariance() {
        // AR(1) with φ = 0.5: the long-run variance of √n·mean is σ² / (1 − φ)² = 4 for unit innovations
        SplittableRandom rng = new SplittableRandom(5);
        int n = 4000;
        double[] x = new double[n];
        for (int t = 1; t < n; t++) x[t] = 0.5 * x[t - 1] + gaussian(rng);
        double v = StationaryBootstrap.longRunVariance(x, 20);
        assertThat(v).isCloseTo(4, within(0.8));
        double[] prefix = StationaryBootstrap.prefix(x);
        StationaryBootstrap b = new StationaryBootstrap(n, 20, 9);
        int[] s = new int[n], l = new int[n];
        double sum = 0, sumSq = 0;
        int reps = 400;
        for (int r = 0; r < reps; r++) {
            int k = b.draw(s, l);
            double m = 0;
            for (int i = 0; i < k; i++) m += StationaryBootstrap.blockSum(prefix, s[i], l[i]);
            m /= n;
            sum += m;
            sumSq += m * m;
        }
        double var = (sumSq / reps - Math.pow(sum / reps, 2)) * n;
        assertThat(var).isCloseTo(v, within(0.25 * v));
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), w = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
