package dev.lstmtuner.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Param importance as a first-order, fANOVA-style variance share: for each param the finished trials are grouped by
 * its value (numeric params with more than {@value #MAX_BINS} distinct values into {@value #MAX_BINS} equal-count
 * bins), and the importance is the variance of the group means of the objective (weighted by group size) divided by
 * the objective's total variance — the share of variance that param alone explains (η²). Shares are also normalized
 * to sum to 1 for the chart. Interactions are ignored, so with few trials correlated params share credit.
 */
public final class ParamImportance {
    public static final int MAX_BINS = 10;

    private ParamImportance() {
    }

    /** One finished trial: its params and objective. */
    public record Sample(Map<String, Object> params, double objective) {
    }

    /** A param's share of the objective's variance ({@code varianceShare}, 0..1) and the normalized share. */
    public record Importance(String param, double varianceShare, double normalized, int groups) {
    }

    /** Importances, most important first; empty with fewer than 2 samples or a constant objective. */
    public static List<Importance> compute(List<Sample> samples) {
        List<Sample> ok = samples.stream().filter(s -> Double.isFinite(s.objective())).toList();
        if (ok.size() < 2) return List.of();
        double mean = ok.stream().mapToDouble(Sample::objective).average().orElse(0);
        double total = ok.stream().mapToDouble(s -> sq(s.objective() - mean)).sum() / ok.size();
        if (!(total > 0)) return List.of();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        ok.forEach(s -> names.addAll(s.params().keySet()));
        List<Importance> raw = new ArrayList<>();
        for (String name : names) {
            int[] group = groups(ok, name);
            int g = 0;
            for (int x : group) g = Math.max(g, x + 1);
            double[] sum = new double[g];
            int[] count = new int[g];
            for (int i = 0; i < ok.size(); i++) {
                sum[group[i]] += ok.get(i).objective();
                count[group[i]]++;
            }
            double between = 0;
            for (int j = 0; j < g; j++) if (count[j] > 0) between += count[j] * sq(sum[j] / count[j] - mean);
            raw.add(new Importance(name, Math.min(1, between / ok.size() / total), 0, g));
        }
        double norm = raw.stream().mapToDouble(Importance::varianceShare).sum();
        return raw.stream()
                .map(r -> new Importance(r.param(), r.varianceShare(), norm > 0 ? r.varianceShare() / norm : 0, r.groups()))
                .sorted(Comparator.comparingDouble(Importance::varianceShare).reversed()
                        .thenComparing(Importance::param))
                .toList();
    }

    /** Group index of each sample for one param: by value, or by equal-count bins of a many-valued number. */
    static int[] groups(List<Sample> samples, String name) {
        int n = samples.size();
        int[] out = new int[n];
        boolean numeric = samples.stream().allMatch(s -> s.params().get(name) instanceof Number);
        long distinct = samples.stream().map(s -> key(s.params().get(name))).distinct().count();
        if (numeric && distinct > MAX_BINS) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            java.util.Arrays.sort(order, Comparator.comparingDouble(i -> value(samples.get(i), name)));
            for (int r = 0; r < n; r++) out[order[r]] = (int) ((long) r * MAX_BINS / n);
            // equal values must share a bin, whatever their rank
            for (int r = 1; r < n; r++) {
                if (value(samples.get(order[r]), name) == value(samples.get(order[r - 1]), name)) {
                    out[order[r]] = out[order[r - 1]];
                }
            }
            return out;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) out[i] = index.computeIfAbsent(key(samples.get(i).params().get(name)), k -> index.size());
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
