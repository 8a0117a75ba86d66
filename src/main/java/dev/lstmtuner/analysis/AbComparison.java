package dev.lstmtuner.analysis;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.stats.Holm;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One variant of an A/B plan against the baseline, twice: on validation, seed by seed ({@link SeedLead}'s paired
 * t-test over the seeds both finished: each seed's own luck cancels in the difference), and on the test windows
 * (Diebold–Mariano, {@link PairwiseDm}, on the arm's squared errors averaged over its seeds, window by window). Both
 * p-values are Holm-corrected across the plan's variants. The verdict needs both to agree: "better than the
 * baseline" (or "worse") only when the seeds and the test windows both say so at 5 % after the correction, else "no
 * real difference"; when the test windows cannot be compared (no predictions, or a refusal) the seeds alone decide
 * and the verdict says so.
 *
 * @param meanDifference the variant's mean objective minus the baseline's, over the seeds both finished
 * @param dm             the test-window comparison (its {@code error} says why it could not run); null without runs
 */
public record AbComparison(int pairs, double meanDifference, double seedP, double seedPAdjusted, PairwiseDm.Row dm,
                           Verdict verdict, String reason) {

    /** The verdict on a variant; {@link #words()} is what every view shows. */
    public enum Verdict {
        BETTER("better than the baseline"), SAME("no real difference"), WORSE("worse than the baseline"),
        UNTESTED("not tested yet");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One finished run's test forecasts and what it forecasts (for the pairing check). */
    public record Forecast(Trial trial, Comparability what, Predictions predictions, int horizon) {
    }

    /** Each variant (its finished runs) against the baseline's runs, in order, corrected across the variants. */
    static List<AbComparison> against(List<Trial> baseline, List<List<Trial>> variants,
                                      Map<Long, Forecast> forecasts, Direction direction) {
        double[] rawSeed = new double[variants.size()];
        List<SeedLead> leads = new ArrayList<>();
        double[] diffs = new double[variants.size()];
        for (int i = 0; i < variants.size(); i++) {
            List<Trial> v = variants.get(i);
            SeedLead lead = baseline.isEmpty() || v.isEmpty() ? new SeedLead(Double.NaN, 0, false, Double.NaN)
                    : SeedLead.of(arm(v), arm(baseline));
            leads.add(lead);
            rawSeed[i] = lead.paired() ? lead.pValue() : Double.NaN;
            diffs[i] = pairedDifference(v, baseline);
        }
        double[] adjusted = Holm.adjust(rawSeed);
        PairwiseDm.Side base = side(baseline, forecasts);
        List<PairwiseDm.Side> sides = new ArrayList<>();
        for (List<Trial> v : variants) sides.add(side(v, forecasts));
        List<PairwiseDm.Row> dms = base == null ? null : PairwiseDm.against(base, sides.stream()
                .filter(s -> s != null).toList());
        List<AbComparison> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < variants.size(); i++) {
            PairwiseDm.Row dm = sides.get(i) == null || dms == null ? null : dms.get(k++);
            int n = leads.get(i).paired() ? leads.get(i).n() : 0;
            double diff = diffs[i];
            Long variantId = variants.get(i).isEmpty() ? null : sides.get(i) == null ? null : sides.get(i).trial().id();
            out.add(judge(n, diff, rawSeed[i], adjusted[i], dm, variantId, direction));
        }
        return out;
    }

    private static AbComparison judge(int n, double diff, double p, double adjusted, PairwiseDm.Row dm, Long variantId,
                                      Direction direction) {
        if (n < 2 || Double.isNaN(adjusted)) {
            return new AbComparison(n, diff, p, adjusted, dm, Verdict.UNTESTED, "fewer than 2 seeds finished by both");
        }
        boolean seedsBetter = direction == Direction.MAXIMIZE ? diff > 0 : diff < 0;
        boolean seedsSay = adjusted < SeedLead.ALPHA && diff != 0;
        String seeds = String.format(Locale.ROOT, "validation, %d seeds paired: p %s (Holm %s)", n, p(p), p(adjusted));
        if (dm == null || dm.error() != null) {
            String why = seeds + "; test windows not compared: " + (dm == null ? "no predictions" : dm.error());
            Verdict v = !seedsSay ? Verdict.SAME : seedsBetter ? Verdict.BETTER : Verdict.WORSE;
            return new AbComparison(n, diff, p, adjusted, dm, v, why + " (the seeds alone decide)");
        }
        boolean dmSays = Boolean.TRUE.equals(dm.significant()) && dm.betterId() != null;
        boolean dmBetter = dmSays && dm.betterId().equals(variantId);
        String test = String.format(Locale.ROOT, "test windows (Diebold–Mariano, %d windows): p %s (Holm %s)", dm.n(),
                p(dm.pValue()), p(dm.pAdjusted()));
        Verdict v = seedsSay && dmSays && seedsBetter == dmBetter ? (seedsBetter ? Verdict.BETTER : Verdict.WORSE)
                : Verdict.SAME;
        return new AbComparison(n, diff, p, adjusted, dm, v, seeds + "; " + test);
    }

    public String words() {
        return verdict.words();
    }

    /** The variant's runs as one arm (its first run as the original): what SeedLead pairs by seed. */
    private static ConfirmedRanking.Arm arm(List<Trial> runs) {
        return new ConfirmedRanking.Arm(runs.get(0), runs, 0);
    }

    /** The mean over shared seeds of variant − baseline; NaN when no seed is shared. */
    private static double pairedDifference(List<Trial> variant, List<Trial> baseline) {
        Map<Long, Double> b = new LinkedHashMap<>();
        for (Trial t : baseline) b.put(ConfirmedRanking.seed(t), t.objective());
        double sum = 0;
        int n = 0;
        for (Trial t : variant) {
            Double o = b.get(ConfirmedRanking.seed(t));
            if (o == null) continue;
            sum += t.objective() - o;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * An arm's test forecasts as one side: per window the root mean square of its seeds' errors, so the test's
     * squared-error loss is the arm's loss averaged over seeds (windows every run forecast; its first run names it).
     */
    private static PairwiseDm.Side side(List<Trial> runs, Map<Long, Forecast> forecasts) {
        List<Forecast> fs = runs.stream().map(t -> forecasts.get(t.id())).filter(f -> f != null).toList();
        if (fs.isEmpty()) return null;
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Forecast f : fs) {
            Predictions p = f.predictions();
            double[] e = p.errors();
            for (int i = 0; i < p.size(); i++) {
                double[] s = sums.computeIfAbsent(p.time().get(i), k -> new double[]{0, 0, p.actual()[0], p.lastClose()[0]});
                s[0] += e[i] * e[i];
                s[1]++;
                s[2] = p.actual()[i];
                s[3] = p.lastClose()[i];
            }
        }
        List<String> time = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        sums.forEach((t, s) -> {
            if (s[1] == fs.size()) {
                time.add(t);
                kept.add(s);
            }
        });
        double[] last = new double[kept.size()], predicted = new double[kept.size()], actual = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            double[] s = kept.get(i);
            actual[i] = s[2];
            last[i] = s[3];
            predicted[i] = s[2] + Math.sqrt(s[0] / s[1]);
        }
        Forecast first = fs.get(0);
        return new PairwiseDm.Side(first.trial(), first.what(), new Predictions(time, last, predicted, actual),
                first.horizon());
    }

    private static String p(double p) {
        return Double.isNaN(p) ? "–" : p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
    }
}
