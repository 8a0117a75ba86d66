package dev.lstmtuner.search.sampler;

import dev.lstmtuner.search.PastTrial;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an epoch of a candidate costs, learned from the campaign's measured epoch times: a log-linear fit of each
 * trial's median wall time per epoch against {@link CostModel}'s static estimate, log ms = a_f + b log static, with
 * one intercept per fidelity (an epoch on a ninth of the windows is cheaper whatever the model) and one slope b.
 * Only b matters for ranking candidates (a constant factor changes no ranking), so the predicted cost is static^b.
 * Until {@link #MIN_TRIALS} of the campaign's own trials have measured epochs, or while their static costs do not
 * vary, b is 1: the static cost as it is. b is kept in [0, 2]: a model that grows cheaper with its size is noise.
 */
final class EpochCosts {
    static final int MIN_TRIALS = 5;
    private static final double MAX_SLOPE = 2;

    private EpochCosts() {
    }

    /** One trial's median epoch time at one fidelity, beside its static cost (both as logs). */
    private record Observation(double fidelity, double logStatic, double logMillis) {
    }

    /** The slope b of log measured ms per epoch on log static cost, fitted within each fidelity. */
    static double slope(SearchSpace space, List<PastTrial> past) {
        List<Observation> obs = new ArrayList<>();
        int trials = 0;
        for (PastTrial t : past) {
            if (t.warm()) continue; // another campaign's machine and data: its times say nothing about this one
            Map<Double, List<Double>> byFidelity = new HashMap<>();
            for (int e = 1; e <= t.epochsReported(); e++) {
                double ms = t.millisAt(e);
                if (ms > 0) byFidelity.computeIfAbsent(t.fidelityAt(e), k -> new ArrayList<>()).add(ms);
            }
            if (byFidelity.isEmpty()) continue;
            trials++;
            double logStatic = Math.log(CostModel.epochCost(space.toConfigOverrides(t.params())));
            byFidelity.forEach((f, ms) -> obs.add(new Observation(f, logStatic, Math.log(median(ms)))));
        }
        if (trials < MIN_TRIALS) return 1;
        Map<Double, double[]> means = new HashMap<>(); // fidelity -> {sum x, sum y, n}
        for (Observation o : obs) {
            double[] m = means.computeIfAbsent(o.fidelity(), k -> new double[3]);
            m[0] += o.logStatic();
            m[1] += o.logMillis();
            m[2]++;
        }
        double sxy = 0, sxx = 0;
        for (Observation o : obs) {
            double[] m = means.get(o.fidelity());
            double dx = o.logStatic() - m[0] / m[2];
            sxy += dx * (o.logMillis() - m[1] / m[2]);
            sxx += dx * dx;
        }
        if (sxx < 1e-9) return 1;
        return Math.max(0, Math.min(MAX_SLOPE, sxy / sxx));
    }

    /** The log of a point's predicted epoch cost, up to a constant: b log static. */
    static double logCost(SearchSpace space, Map<String, Object> point, double slope) {
        return slope * Math.log(CostModel.epochCost(space.toConfigOverrides(point)));
    }

    private static double median(List<Double> xs) {
        double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
