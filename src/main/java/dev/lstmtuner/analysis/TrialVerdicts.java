package dev.lstmtuner.analysis;

import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.stats.Holm;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-trial "beats persistence", corrected for the number of trials: each COMPLETE sampled trial's own
 * Diebold–Mariano p-value against persistence on its test windows (the raw p, as recorded) is Holm-adjusted across
 * all the campaign's COMPLETE sampled trials (confirmation runs are not separate tries), and only an adjusted
 * p below {@link DieboldMariano#ALPHA} with a positive skill earns "beats" (and the green). Holm rather than
 * Benjamini–Hochberg: a green trial reads as a claim about that trial, so the chance of any false green is what
 * must stay at 5 % (BH bounds only the expected share of false greens), and Holm holds under the strong positive
 * correlation of trials scored on the same windows, with no assumption about it.
 */
public final class TrialVerdicts {
    private TrialVerdicts() {
    }

    /** One trial's raw and Holm-adjusted p, and the verdict the adjusted p gives. */
    public record TrialVerdict(int trial, double skill, Double rawP, Double adjustedP, int family,
                               Verdict.Kind kind) {
        public boolean beats() {
            return kind == Verdict.Kind.BEATS;
        }

        /** "beats persistence (Holm p = 0.012 over 38 trials; raw p = 0.0003)". */
        public String words() {
            if (kind == Verdict.Kind.UNTESTED) return new Verdict(Verdict.Baseline.PERSISTENCE, kind, null).words();
            String head = switch (kind) {
                case BEATS -> "beats persistence";
                case WORSE -> "worse than persistence";
                default -> "no better than persistence";
            };
            return head + " (Holm " + p(adjustedP) + " over " + family + " trials; raw " + p(rawP) + ")";
        }
    }

    /** One trial's skill and raw p, the input of the correction. */
    public record Raw(int trial, double skill, Double p) {
    }

    /**
     * Verdicts of the campaign's COMPLETE sampled trials (others are ignored), keyed by trial number, gated by the
     * campaign-wide test ({@code campaign} null when it could not be run).
     */
    public static Map<Integer, TrialVerdict> of(List<Trial> trials, CampaignVerdict campaign) {
        List<Raw> raw = new ArrayList<>();
        for (Trial t : trials) {
            FinalMetrics m = t.metrics();
            if (t.confirmOf() != null || m == null || t.state() != TrialState.COMPLETE) continue;
            raw.add(new Raw(t.number(), m.skill(), m.persistencePValue()));
        }
        return correct(raw, campaign == null || campaign.spa() == null ? null : campaign.beats());
    }

    /**
     * Holm across the given raw p-values; a missing or NaN p stays UNTESTED and does not count. With
     * {@code campaignBeats} false (the campaign-wide test found no win), no trial is called better: a green trial
     * under a banner that says "no trial beats persistence" would be a contradiction, and gating keeps the chance
     * of any false claim at 5 % (Holm alone is 5 %, SPA alone 5 %; either of them would be up to 10 %). Null: no
     * campaign-wide test, Holm alone.
     */
    public static Map<Integer, TrialVerdict> correct(List<Raw> raw, Boolean campaignBeats) {
        double[] p = new double[raw.size()];
        int family = 0;
        for (int i = 0; i < p.length; i++) {
            Double v = raw.get(i).p();
            p[i] = v == null ? Double.NaN : v;
            if (!Double.isNaN(p[i])) family++;
        }
        double[] adjusted = Holm.adjust(p);
        Map<Integer, TrialVerdict> out = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            Raw r = raw.get(i);
            Verdict.Kind kind = Verdict.of(Verdict.Baseline.PERSISTENCE, r.skill(), Double.isNaN(adjusted[i]) ? null
                    : adjusted[i]).kind();
            boolean gated = kind == Verdict.Kind.BEATS && Boolean.FALSE.equals(campaignBeats);
            out.put(r.trial(), new TrialVerdict(r.trial(), r.skill(), Double.isNaN(p[i]) ? null : p[i],
                    Double.isNaN(adjusted[i]) ? null : adjusted[i], family,
                    gated ? Verdict.Kind.NO_BETTER : kind));
        }
        return out;
    }

    /** "p = 0.012", "p < 0.001", "p -" (untested). */
    static String p(Double p) {
        if (p == null || p.isNaN()) return "p -";
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3g", p);
    }
}
