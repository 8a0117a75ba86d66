package dev.lstmtuner.search.sampler;

import org.apache.commons.math3.special.Erf;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A one-dimensional adaptive Parzen estimator on [low, high] (Bergstra et al. 2011): a truncated Gaussian at each
 * observation plus one wide prior Gaussian at the centre; each bandwidth is the larger gap to its neighbours,
 * clipped to [range / min(100, n + 1), range].
 */
final class ParzenEstimator {
    private final double low;
    private final double high;
    private final double[] mus;
    private final double[] sigmas;
    private final double[] logMass; // log of the mass each truncated component keeps inside [low, high]

    ParzenEstimator(double[] observations, double low, double high) {
        this.low = low;
        this.high = high;
        double range = high - low;
        double prior = (low + high) / 2;
        double[] sorted = Arrays.copyOf(observations, observations.length + 1);
        sorted[observations.length] = prior;
        Arrays.sort(sorted);
        int n = sorted.length;
        mus = sorted;
        sigmas = new double[n];
        double minSigma = range / Math.min(100.0, n);
        for (int i = 0; i < n; i++) {
            double left = mus[i] - (i == 0 ? low : mus[i - 1]);
            double right = (i == n - 1 ? high : mus[i + 1]) - mus[i];
            sigmas[i] = Math.min(range, Math.max(minSigma, Math.max(left, right)));
        }
        // the prior component keeps its full width whatever its neighbours
        for (int i = 0; i < n; i++) {
            if (mus[i] == prior) {
                sigmas[i] = range;
                break;
            }
        }
        logMass = new double[n];
        for (int i = 0; i < n; i++) {
            logMass[i] = Math.log(Math.max(1e-300, cdf((high - mus[i]) / sigmas[i]) - cdf((low - mus[i]) / sigmas[i])));
        }
    }

    double sample(SplittableRandom rng) {
        int i = rng.nextInt(mus.length);
        for (int tries = 0; tries < 100; tries++) {
            double x = mus[i] + sigmas[i] * gaussian(rng);
            if (x >= low && x <= high) return x;
        }
        return Math.min(high, Math.max(low, mus[i]));
    }

    double logDensity(double x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[mus.length];
        for (int i = 0; i < mus.length; i++) {
            double z = (x - mus[i]) / sigmas[i];
            terms[i] = -0.5 * z * z - Math.log(sigmas[i]) - 0.5 * Math.log(2 * Math.PI) - logMass[i];
            max = Math.max(max, terms[i]);
        }
        double sum = 0;
        for (double t : terms) sum += Math.exp(t - max);
        return max + Math.log(sum / mus.length);
    }

    private static double cdf(double z) {
        return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
