package dev.lstmtuner.analysis.diagnosis;

import dev.lstmtuner.result.TrialState;

import java.util.Locale;
import java.util.Optional;

/**
 * Training too slow (tutorial §7 step 3, "Loss下降太慢 → 增大学习率"): a COMPLETE run that used all its
 * {@code max_epochs} and whose validation loss was still falling at the end. Judged on the last third of the
 * epochs (at least {@value #MIN_WINDOW}, at most all): a one-sided Mann–Kendall test for a falling validation loss
 * at {@value #ALPHA}, and a fall (Sen's slope across the window) of at least {@value #NOISE_MULTIPLE} noise
 * deviations and {@value #MIN_FALL} of the loss.
 */
final class TooSlowRule {
    static final int MIN_WINDOW = 10;
    static final double ALPHA = 0.01;
    static final double NOISE_MULTIPLE = 2;
    static final double MIN_FALL = 0.02;
    static final String REMEDY = "raise the learning rate or the epochs";

    private TooSlowRule() {
    }

    static Optional<Diagnosis> judge(Curve c, TrainingSetup setup) {
        if (setup.state() != TrialState.COMPLETE || c.size() < setup.maxEpochs()) {
            return Optional.empty();
        }
        int w = Math.min(c.size(), Math.max(MIN_WINDOW, c.size() / 3));
        if (w < 5) return Optional.empty();
        double[] tail = Curve.slice(c.val(), c.size() - w, c.size());
        double p = Trend.downwardP(tail);
        if (p >= ALPHA) return Optional.empty();
        double fall = -Trend.senSlope(tail) * (w - 1);
        double level = Math.abs(Trend.median(tail, 0, w));
        if (!(fall >= NOISE_MULTIPLE * Trend.noise(tail) && fall >= MIN_FALL * level)) return Optional.empty();
        return Optional.of(new Diagnosis(DiagnosisKind.TOO_SLOW, String.format(Locale.ROOT,
                "Too slow: validation loss was still falling at max_epochs (%d): %.1f%% over the last %d epochs"
                        + " (Mann–Kendall p = %.2g).", setup.maxEpochs(), 100 * fall / level, w, p), REMEDY,
                c.epoch()[c.size() - w]));
    }
}
