package dev.lstmtuner.stats;

/**
 * Hansen's (2005) test for superior predictive ability: does the best of k models beat a benchmark, given that k
 * were tried? With loss differentials d_k,t = L_benchmark,t − L_k,t (positive = model k better), the statistic is
 * T = max(0, max_k √n·d̄_k / ω̂_k) (or, not studentized, max(0, max_k √n·d̄_k)), ω̂²_k the stationary-bootstrap long-run variance of d_k. Its null distribution
 * is bootstrapped with the stationary bootstrap of Politis and Romano, all models resampled on the same blocks (so
 * their correlation is kept), each recentred by Hansen's consistent rule: a model far worse than the benchmark
 * (√n·d̄_k / ω̂_k below −√(2 log log n)) is not recentred, so hopeless models do not dilute the test the way they
 * do in White's Reality Check. The lower (recentre only the better models) and upper (recentre all: the Reality
 * Check, studentized) p-values come with it. Read after the {@code arch} package's {@code SPA}; our own code.
 */
public final class SuperiorPredictiveAbility {
    private SuperiorPredictiveAbility() {
    }

    /**
     * The statistic, the consistent p-value and its lower and upper bounds, the index of the model with the largest
     * studentized advantage (−1 when none is better than the benchmark on average), the number of windows, models
     * tested (those whose loss differs from the benchmark's), the mean block length and bootstrap resamples.
     */
    public record Result(double statistic, double pValue, double pValueLower, double pValueUpper, int best, int n,
                         int models, double meanBlock, int reps) {
    }

    /**
     * @param benchmarkLoss the benchmark's loss on each of n windows
     * @param modelLoss     {@code modelLoss[k][t]}: model k's loss on window t (the same windows)
     * @param meanBlock     the stationary bootstrap's mean block length
     * @param studentize    divide each model's mean by its ω̂ (Hansen's form); false compares raw mean loss
     *                      differences, as arch's {@code SPA.compute} does. Studentizing with a long block makes the
     *                      test oversized, because ω̂ is then noisy (9 % rejections at 5 % for 40 equal models over
     *                      2,000 bars with √n blocks, against 4.5 % raw); the campaign verdict uses the raw form.
     */
    public static Result test(double[] benchmarkLoss, double[][] modelLoss, double meanBlock, int reps, long seed,
                              boolean studentize) {
        int n = benchmarkLoss.length, k = modelLoss.length;
        if (k == 0) throw new IllegalArgumentException("no models to test against the benchmark");
        if (n < 3) throw new IllegalArgumentException("too few windows (" + n + ") for a bootstrap test");
        double[][] prefix = new double[k][];
        double[] mean = new double[k], omega = new double[k];
        double threshold = -Math.sqrt(2 * Math.log(Math.log(n)));
        double stat = 0;
        int best = -1, tested = 0;
        double bestT = 0;
        for (int j = 0; j < k; j++) {
            if (modelLoss[j].length != n) {
                throw new IllegalArgumentException("model " + j + " has " + modelLoss[j].length + " losses, the benchmark "
                        + n + ": test every model on the same windows");
            }
            double[] d = new double[n];
            for (int t = 0; t < n; t++) d[t] = benchmarkLoss[t] - modelLoss[j][t];
            prefix[j] = StationaryBootstrap.prefix(d);
            mean[j] = prefix[j][n] / n;
            double v = StationaryBootstrap.longRunVariance(d, meanBlock);
            omega[j] = v > 0 ? Math.sqrt(v) : 0;
            if (omega[j] == 0) continue; // identical to the benchmark up to a constant: no information
            tested++;
            double tj = Math.sqrt(n) * mean[j] / (studentize ? omega[j] : 1);
            if (tj > bestT) {
                bestT = tj;
                best = j;
            }
            stat = Math.max(stat, tj);
        }
        if (tested == 0) return new Result(0, 1, 1, 1, -1, n, 0, meanBlock, 0);
        double[] lower = new double[k], consistent = new double[k];
        for (int j = 0; j < k; j++) {
            if (omega[j] == 0) continue;
            lower[j] = Math.max(0, mean[j]);
            consistent[j] = Math.sqrt(n) * mean[j] / omega[j] >= threshold ? mean[j] : 0;
        }
        StationaryBootstrap boot = new StationaryBootstrap(n, meanBlock, seed);
        int[] starts = new int[n], lengths = new int[n];
        int exceedL = 0, exceedC = 0, exceedU = 0;
        for (int b = 0; b < reps; b++) {
            int blocks = boot.draw(starts, lengths);
            double tl = 0, tc = 0, tu = 0;
            for (int j = 0; j < k; j++) {
                if (omega[j] == 0) continue;
                double s = 0;
                for (int i = 0; i < blocks; i++) s += StationaryBootstrap.blockSum(prefix[j], starts[i], lengths[i]);
                double scale = Math.sqrt(n) / (studentize ? omega[j] : 1), m = s / n;
                tl = Math.max(tl, scale * (m - lower[j]));
                tc = Math.max(tc, scale * (m - consistent[j]));
                tu = Math.max(tu, scale * (m - mean[j]));
            }
            if (tl > stat) exceedL++;
            if (tc > stat) exceedC++;
            if (tu > stat) exceedU++;
        }
        return new Result(stat, (double) exceedC / reps, (double) exceedL / reps, (double) exceedU / reps, best, n,
                tested, meanBlock, reps);
    }
}
