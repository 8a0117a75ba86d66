package dev.lstmtuner.analysis.diagnosis;

import java.util.Locale;
import java.util.Optional;

/**
 * Underfitting (tutorial §6, "两条线都不下降"; §7 step 2, "训练和验证Loss都很高 → 增大模型"): both losses high and flat.
 * "High" is measured against the first epoch's loss, the model before it learned much: the absolute level of a
 * scaled MSE says little on its own (on a standardised log-return target, predicting the mean already scores about
 * 1). Both losses end (the median of the last {@value #TAIL} epochs) less than {@value #MAX_DROP} below their first
 * epoch's value.
 */
final class UnderfittingRule {
    static final int TAIL = 5;
    static final double MAX_DROP = 0.10;
    static final String REMEDY = "a larger model (more units or layers)";

    private UnderfittingRule() {
    }

    static Optional<Diagnosis> judge(Curve c) {
        if (c.size() < TAIL) return Optional.empty();
        double trainDrop = drop(c.train(), c.size());
        double valDrop = drop(c.val(), c.size());
        if (!(trainDrop < MAX_DROP && valDrop < MAX_DROP)) return Optional.empty();
        return Optional.of(new Diagnosis(DiagnosisKind.UNDERFITTING, String.format(Locale.ROOT,
                "Underfitting: both losses stayed high and flat; over %d epochs training loss fell %.1f%% and"
                        + " validation loss %.1f%% from the first epoch (less than %.0f%% each).", c.size(),
                100 * trainDrop, 100 * valDrop, 100 * MAX_DROP), REMEDY, null));
    }

    /** (first − median of the last {@value #TAIL}) / first. */
    private static double drop(double[] x, int n) {
        return (x[0] - Trend.median(x, n - TAIL, n)) / Math.abs(x[0]);
    }
}
