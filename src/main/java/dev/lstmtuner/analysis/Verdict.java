package dev.lstmtuner.analysis;

import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.stats.DieboldMariano;

import java.util.Locale;

/**
 * A model's standing against a baseline forecast on the same test windows, in plain words. "Beats" and "worse" need
 * both the sign of the skill (1 − RMSE_model / RMSE_baseline) and a Diebold–Mariano p-value below
 * {@link DieboldMariano#ALPHA}; anything else is "no better than" the baseline, however the skill's sign falls.
 * The baselines: persistence (next price = last price) and the ridge regression of {@code baseline/} fitted on the
 * same training bars, so "beats a linear model" is answered beside "beats persistence".
 */
public record Verdict(Baseline baseline, Kind kind, Double pValue) {

    /** What the test says; UNTESTED when no p-value could be computed (too few windows, or no baseline run). */
    public enum Kind { BEATS, NO_BETTER, WORSE, UNTESTED }

    /** The forecast a model is judged against, with its name in a sentence. */
    public enum Baseline {
        PERSISTENCE("persistence"), RIDGE("the ridge baseline");

        private final String words;

        Baseline(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public static Verdict of(Baseline baseline, double skill, Double pValue) {
        if (pValue == null || pValue.isNaN()) return new Verdict(baseline, Kind.UNTESTED, null);
        if (pValue < DieboldMariano.ALPHA && skill > 0) return new Verdict(baseline, Kind.BEATS, pValue);
        if (pValue < DieboldMariano.ALPHA && skill < 0) return new Verdict(baseline, Kind.WORSE, pValue);
        return new Verdict(baseline, Kind.NO_BETTER, pValue);
    }

    /** The run against persistence on its test windows. */
    public static Verdict persistence(FinalMetrics m) {
        return of(Baseline.PERSISTENCE, m.skill(), m.persistencePValue());
    }

    /** The run against the ridge baseline on its test windows; UNTESTED when the run recorded no ridge forecast. */
    public static Verdict ridge(FinalMetrics m) {
        if (m.ridgeRmse() == null) return new Verdict(Baseline.RIDGE, Kind.UNTESTED, null);
        return of(Baseline.RIDGE, 1.0 - m.model().rmse() / m.ridgeRmse(), m.ridgePValue());
    }

    /** "beats persistence (p = 0.012)", "no better than the ridge baseline (p = 0.79)", ... */
    public String words() {
        return switch (kind) {
            case BEATS -> "beats " + baseline.words() + " (" + pText() + ")";
            case WORSE -> "worse than " + baseline.words() + " (" + pText() + ")";
            case NO_BETTER -> "no better than " + baseline.words() + " (" + pText() + ")";
            case UNTESTED -> "not tested against " + baseline.words() + (baseline == Baseline.PERSISTENCE
                    ? " (too few test windows)" : " (no ridge forecast recorded, or too few test windows)");
        };
    }

    /** As {@link #words}, as the predicate of a sentence: "beats persistence (…)", "is no better than …". */
    public String predicate() {
        return (kind == Kind.BEATS ? "" : "is ") + words();
    }

    /** beats, no_better, worse or untested: the only thing that may colour a trial green or red. */
    public String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private String pText() {
        return pValue < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3g", pValue);
    }

    @Override
    public String toString() {
        return words();
    }
}
