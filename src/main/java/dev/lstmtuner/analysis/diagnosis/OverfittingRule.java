package dev.lstmtuner.analysis.diagnosis;

import java.util.Locale;
import java.util.Optional;

/**
 * Overfitting (tutorial §6, "训练下降，验证上升"): after the best epoch, validation loss trends up while training loss
 * trends down. Judged on the epochs after the best one (the best itself left out: it is the minimum by choice, so
 * it would make any curve look rising): a one-sided Mann–Kendall test for a rising validation loss at
 * {@value #ALPHA}, a rise (Sen's slope across the segment) of at least {@value #NOISE_MULTIPLE} noise deviations
 * and {@value #MIN_RISE} of the best loss, and a falling training loss (Mann–Kendall at {@value #TRAIN_ALPHA}).
 * Fewer than {@value #MIN_AFTER_BEST} epochs after the best one are too few to judge.
 */
final class OverfittingRule {
    static final int MIN_AFTER_BEST = 5;
    static final double ALPHA = 0.01;
    static final double TRAIN_ALPHA = 0.05;
    static final double NOISE_MULTIPLE = 2;
    static final double MIN_RISE = 0.01;
    static final String REMEDY = "raise dropout to 0.3, shrink the model, stop earlier, or add data";

    private OverfittingRule() {
    }

    /** Overfitting, "not enough epochs to judge", or nothing. */
    static Optional<Diagnosis> judge(Curve c) {
        int after = c.afterBest();
        int bestEpoch = c.epoch()[c.best()];
        if (after < MIN_AFTER_BEST) {
            return Optional.of(new Diagnosis(DiagnosisKind.NOT_ENOUGH_EPOCHS, String.format(Locale.ROOT,
                    "Not enough epochs to judge overfitting: the best epoch is %d of %d, and a trend needs at least %d"
                            + " epochs after it.", bestEpoch, c.size(), MIN_AFTER_BEST), null, null));
        }
        double[] val = Curve.slice(c.val(), c.best() + 1, c.size());
        double[] train = Curve.slice(c.train(), c.best() + 1, c.size());
        double p = Trend.upwardP(val);
        if (p >= ALPHA) return Optional.empty(); // the cheap test first: most curves stop here
        double rise = Trend.senSlope(val) * (val.length - 1);
        double bestLoss = c.val()[c.best()];
        boolean rising = rise >= NOISE_MULTIPLE * Trend.noise(val) && rise >= MIN_RISE * Math.abs(bestLoss);
        if (!rising || Trend.downwardP(train) >= TRAIN_ALPHA) return Optional.empty();
        return Optional.of(new Diagnosis(DiagnosisKind.OVERFITTING, String.format(Locale.ROOT,
                "Overfitting: over the %d epochs after the best one (epoch %d) validation loss rose by %.1f%% of its"
                        + " best (Mann–Kendall p = %.2g) while training loss fell.", val.length, bestEpoch,
                100 * rise / Math.abs(bestLoss), p), REMEDY, c.epoch()[c.best() + 1]));
    }
}
