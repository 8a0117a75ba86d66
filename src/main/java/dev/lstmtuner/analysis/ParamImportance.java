package dev.lstmtuner.analysis;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Trial;

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
 * Param importance as a bias-corrected first-order variance share, ω² (Hays 1963), over the campaign's own sampled
 * trials: COMPLETE, confirmation runs left out (they re-train a trial with another seed; they are not tries of the
 * space), and the {@value #SEED} param left out (only confirmation runs carry it). For each param the trials that
 * have it are grouped by its value (numbers with many distinct values into equal-count bins, about
 * {@value #TRIALS_PER_BIN} trials per bin and at most {@value #MAX_BINS}); a conditional param is measured within
 * the trials that have it, so its absence (decided by another param) does not count as its effect. ω² =
 * (SS_between − (k − 1) MS_within) / (SS_total + MS_within), clipped to [0, 1]; plain η² would score about
 * (k − 1) / (N − 1) on pure noise, ω² about 0.
 * <p>
 * The interval {@code [low, high]}: {@code low} is ω² minus the 95th percentile of ω² with the objective shuffled
 * across the same trials (a permutation null), clipped at 0, so {@code low > 0} exactly when a one-sided permutation
 * test rejects "no effect" at 5 %; {@code high} is the 95th percentile of ω² over bootstrap resamples of the trials.
 * A percentile-bootstrap lower end, as before, re-adds the chance inflation ω² removes (on noise with 40 trials, 35 %
 * of float params excluded 0). Interactions are ignored, so with few trials correlated params share credit. Shares
 * are also normalized to sum to 1 for the chart.
 */
public final class ParamImportance {
    public static final int MAX_BINS = 10;
    public static final int TRIALS_PER_BIN = 4;
    /** The confirmation runs' seed: not a param of the space. */
    public static final String SEED = "seed";
    public static final String METHOD = "bias-corrected variance share (omega squared) per param: the variance of the"
            + " mean objective across its values (numbers: equal-count bins of about " + TRIALS_PER_BIN + " trials, at most "
            + MAX_BINS + ") beyond what that many groups explain by chance, divided by the objective's total variance;"
            + " noise reads about 0; interval low end = omega squared minus the 95th percentile with the objective"
            + " shuffled (above 0: an effect at 5 %), high end = bootstrap 95th percentile; COMPLETE sampled trials"
            + " (no confirmation runs, no seed), a conditional param within the trials that have it; interactions ignored";
    private static final double WORK = 4_000_000; // resamples x trials per param: keeps 100k trials under a second

    private ParamImportance() {
    }

    /** One finished trial: its params and objective. */
    public record Sample(Map<String, Object> params, double objective) {
    }

    /**
     * A param's bias-corrected share of the objective's variance ({@code varianceShare}, ω², 0..1), the share
     * normalized over all params, its number of groups, the trials it was measured on, and the interval
     * {@code [low, high]} (see the class comment).
     */
    public record Importance(String param, double varianceShare, double normalized, int groups, int trials,
                             double low, double high) {
    }

    /** Importances of the campaign's COMPLETE sampled trials (confirmation runs and unscored trials left out). */
    public static List<Importance> of(List<Trial> trials) {
        return compute(trials.stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.confirmOf() == null && t.objective() != null)
                .map(t -> new Sample(t.params(), t.objective())).toList());
    }

    /** Importances, most important first; empty with fewer than 3 samples or a constant objective. */
    public static List<Importance> compute(List<Sample> samples) {
        List<Sample> ok = samples.stream().filter(s -> Double.isFinite(s.objective())).toList();
        if (ok.size() < 3) return List.of();
        double[] all = ok.stream().mapToDouble(Sample::objective).toArray();
        double grand = Arrays.stream(all).average().orElse(0);
        if (!(Arrays.stream(all).map(v -> sq(v - grand)).sum() > 0)) return List.of();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        ok.forEach(s -> names.addAll(s.params().keySet()));
        names.remove(SEED);
        List<Importance> raw = new ArrayList<>();
        for (String name : names) {
            List<Sample> having = ok.stream().filter(s -> s.params().get(name) != null).toList();
            int n = having.size();
            if (n < 3) continue;
            double[] y = having.stream().mapToDouble(Sample::objective).toArray();
            int[] group = groups(having, name);
            int k = Arrays.stream(group).max().orElse(0) + 1;
            int[] identity = new int[n];
            for (int i = 0; i < n; i++) identity[i] = i;
            double share = omegaSquared(y, group, k, identity);
            int resamples = (int) Math.max(40, Math.min(400, WORK / n));
            SplittableRandom rng = new SplittableRandom(name.hashCode() * 31L + n);
            double[] shuffled = y.clone(), nullShares = new double[resamples], boot = new double[resamples];
            int[] idx = new int[n];
            for (int b = 0; b < resamples; b++) {
                for (int i = n - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    double t = shuffled[i];
                    shuffled[i] = shuffled[j];
                    shuffled[j] = t;
                }
                nullShares[b] = omegaSquared(shuffled, group, k, identity);
                for (int i = 0; i < n; i++) idx[i] = rng.nextInt(n);
                boot[b] = omegaSquared(y, group, k, idx);
            }
            Arrays.sort(nullShares);
            Arrays.sort(boot);
            double chance = nullShares[(int) Math.ceil(0.95 * (resamples - 1))];
            double low = Math.max(0, share - chance);
            double high = Math.max(share, boot[(int) Math.ceil(0.95 * (resamples - 1))]);
            raw.add(new Importance(name, share, 0, k, n, low, high));
        }
        double norm = raw.stream().mapToDouble(Importance::varianceShare).sum();
        return raw.stream()
                .map(r -> new Importance(r.param(), r.varianceShare(), norm > 0 ? r.varianceShare() / norm : 0, r.groups(),
                        r.trials(), r.low(), r.high()))
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
     * equal-count bins over the samples that have it; samples without the param (callers pass only those that have
     * it) would share one group.
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
