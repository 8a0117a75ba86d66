package dev.lstmtuner.stats;

import java.util.Locale;

/**
 * A model's standing against the persistence forecast ("next price = last price") on the same test windows, in
 * plain words. "Beats" and "worse" need both the sign of the skill and a Diebold–Mariano p-value below
 * {@link DieboldMariano#ALPHA}; anything else is "no better than persistence", however the skill's sign falls.
 */
public record PersistenceVerdict(Kind kind, Double pValue) {

    /** What the test says; UNTESTED when no p-value could be computed (too few windows). */
    public enum Kind { BEATS, NO_BETTER, WORSE, UNTESTED }

    public static PersistenceVerdict of(double skill, Double pValue) {
        if (pValue == null || pValue.isNaN()) return new PersistenceVerdict(Kind.UNTESTED, null);
        if (pValue < DieboldMariano.ALPHA && skill > 0) return new PersistenceVerdict(Kind.BEATS, pValue);
        if (pValue < DieboldMariano.ALPHA && skill < 0) return new PersistenceVerdict(Kind.WORSE, pValue);
        return new PersistenceVerdict(Kind.NO_BETTER, pValue);
    }

    /** Tests the model's errors against persistence's (both prediction − actual, same windows) at horizon h. */
    public static DieboldMariano.Result test(double[] modelErrors, double[] persistenceErrors, int horizon) {
        return DieboldMariano.test(modelErrors, persistenceErrors, horizon, "the model", "persistence");
    }

    /** "beats persistence (p = 0.012)", "no better than persistence (p = 0.79)", ... */
    public String words() {
        return switch (kind) {
            case BEATS -> "beats persistence (" + pText() + ")";
            case WORSE -> "worse than persistence (" + pText() + ")";
            case NO_BETTER -> "no better than persistence (" + pText() + ")";
            case UNTESTED -> "not tested against persistence (too few test windows)";
        };
    }

    private String pText() {
        return pValue < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3g", pValue);
    }

    @Override
    public String toString() {
        return words();
    }
}
