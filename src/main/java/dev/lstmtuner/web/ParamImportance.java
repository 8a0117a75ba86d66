package dev.lstmtuner.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Param importance as a bias-corrected first-order variance share, ω² (Hays 1963): for each param the finished
 * trials are grouped by its value (numbers with many distinct values into equal-count bins, about
 * {@value #TRIALS_PER_BIN} trials per bin and at most {@value #MAX_BINS}; trials where a conditional param is absent
 * form one more group), and ω² = (SS_between − (k − 1) MS_within) / (SS_total + MS_within), clipped to [0, 1].
 * Plain η² = SS_between / SS_total scores about (k − 1) / (N − 1) on pure noise (0.47 for 10 bins at N = 20, while a
 * bool gets 0.05); ω² subtracts what k groups would explain by chance, so noise reads about 0 whatever the number
 * of groups. Each share comes with a bootstrap 90 % interval (trials resampled with replacement, groups kept): an
 * interval that reaches 0 means "not distinguishable from no effect". Interactions are ignored, so with few trials
 * correlated params share credit. Shares are also normalized to sum to 1 for the chart.
 */
public final class ParamImportance {
    public static final int MAX_BINS = 10;
    public static final int TRIALS_PER_BIN = 4;
    public static final String METHOD = "bias-corrected variance share (omega squared) per param: the variance of the"
            + " mean objective across its values (numbers: equal-count bins of about " + TRIALS_PER_BIN + " trials, at most "
            + MAX_BINS + ") beyond what that many groups explain by chance, divided by the objective's total variance;"
            + " noise reads about 0; 90 % bootstrap interval; COMPLETE trials, interactions ignored";
    private static final double WORK = 4_000_000; // resamples x trials per param: keeps 100k trials under a second

    private ParamImportance() {
    }

    /** One finished trial: its params and objective. */
    public record Sample(Map<String, Object> params, double objective) {
    }

    /**
     * A param's bias-corrected share of the objective's variance ({@code varianceShare}, ω², 0..1), the share
     * normalized over all params, its number of groups, and a bootstrap 90 % interval {@code [low, high]}.
     */
    public record Importance(String param, double varianceShare, double normalized, int groups, double low, double high) {
    }

    /** Importances, most important first; empty with fewer than 3 samples or a constant objective. */
    public static List<Importance> compute(List<Sample> samples) {
        List<Sample> ok = samples.stream().filter(s -> Double.isFinite(s.objective())).toList();
        int n = ok.size();
        if (n < 3) return List.of();
        double[] y = ok.stream().mapToDouble(Sample::objective).toArray();
        double mean = Arrays.stream(y).average().orElse(0);
        if (!(Arrays.stream(y).map(v -> sq(v - mean)).sum() > 0)) return List.of();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        ok.forEach(s -> names.addAll(s.params().keySet()));
        int resamples = (int) Math.max(20, Math.min(200, WORK / n));
        List<Importance> raw = new ArrayList<>();
        for (String name : names) {
            int[] group = groups(ok, name);
            int k = Arrays.stream(group).max().orElse(0) + 1;
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            double share = omegaSquared(y, group, k, all);
            double[] boot = new double[resamples];
            SplittableRandom rng = new SplittableRandom(name.hashCode() * 31L + n);
            int[] idx = new int[n];
            for (int b = 0; b < resamples; b++) {
                for (int i = 0; i < n; i++) idx[i] = rng.nextInt(n);
                boot[b] = omegaSquared(y, group, k, idx);
            }
            Arrays.sort(boot);
            raw.add(new Importance(name, share, 0, k, boot[(int) Math.floor(0.05 * (resamples - 1))],
                    boot[(int) Math.ceil(0.95 * (resamples - 1))]));
        }
        double norm = raw.stream().mapToDouble(Importance::varianceShare).sum();
        return raw.stream()
                .map(r -> new Importance(r.param(), r.varianceShare(), norm > 0 ? r.varianceShare() / norm : 0, r.groups(),
                        r.low(), r.high()))
                .sorted(Comparator.comparingDouble(Importance::varianceShare).reversed()
                        .thenComparing(Importance::param))
                .toList();
    }

    /** ω² of the samples {@code idx} (repeats allowed) grouped by {@code group}, clipped to [0, 1]. */
    static double omegaSquared(double[] y, int[] group, int k, int[] idx) {
        int n = idx.length;
        double[] sum = new double[k];
        int[] count = new int[k];
        double total = 0;
        for (int i : idx) {
            sum[group[i]] += y[i];
            count[group[i]]++;
            total += y[i];
        }
        double mean = total / n;
        double sst = 0;
        for (int i : idx) sst += sq(y[i] - mean);
        if (!(sst > 0)) return 0;
        double ssb = 0;
        int present = 0;
        for (int j = 0; j < k; j++) {
            if (count[j] == 0) continue;
            present++;
            ssb += count[j] * sq(sum[j] / count[j] - mean);
        }
        if (present < 2 || n - present < 1) return 0;
        double msw = (sst - ssb) / (n - present);
        double w = (ssb - (present - 1) * msw) / (sst + msw);
        return Math.max(0, Math.min(1, w));
    }

    /**
     * Group index of each sample for one param: by value, or, for a number with more distinct values than bins, by
     * equal-count bins over the samples that have it; samples without the param share one group.
     */
    static int[] groups(List<Sample> samples, String name) {
        int n = samples.size();
        int[] out = new int[n];
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < n; i++) if (samples.get(i).params().get(name) != null) present.add(i);
        boolean numeric = present.stream().allMatch(i -> samples.get(i).params().get(name) instanceof Number);
        long distinct = present.stream().map(i -> key(samples.get(i).params().get(name))).distinct().count();
        int bins = Math.max(2, Math.min(MAX_BINS, present.size() / TRIALS_PER_BIN));
        if (numeric && distinct > bins) {
            Integer[] order = present.toArray(new Integer[0]);
            Arrays.sort(order, Comparator.comparingDouble(i -> value(samples.get(i), name)));
            int m = order.length;
            for (int r = 0; r < m; r++) out[order[r]] = (int) ((long) r * bins / m);
            // equal values must share a bin, whatever their rank
            for (int r = 1; r < m; r++) {
                if (value(samples.get(order[r]), name) == value(samples.get(order[r - 1]), name)) {
                    out[order[r]] = out[order[r - 1]];
                }
            }
            for (int i = 0; i < n; i++) if (samples.get(i).params().get(name) == null) out[i] = bins;
            return compact(out);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) out[i] = index.computeIfAbsent(key(samples.get(i).params().get(name)), k -> index.size());
        return out;
    }

    /** Renumbers groups 0..k-1 in order of first use (a bin may be empty after ties merged). */
    private static int[] compact(int[] g) {
        Map<Integer, Integer> index = new HashMap<>();
        int[] out = new int[g.length];
        for (int i = 0; i < g.length; i++) out[i] = index.computeIfAbsent(g[i], k -> index.size());
        return out;
    }

    private static double value(Sample s, String name) {
        return ((Number) s.params().get(name)).doubleValue();
    }

    private static String key(Object v) {
        return v instanceof Number num ? Double.toString(num.doubleValue()) : Objects.toString(v, "\u0000missing");
    }

    private static double sq(double x) {
        return x * x;
    }
}
