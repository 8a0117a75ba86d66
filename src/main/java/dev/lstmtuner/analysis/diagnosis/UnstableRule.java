package dev.lstmtuner.analysis.diagnosis;

import java.util.Locale;
import java.util.Optional;

/**
 * Unstable training (tutorial §7 step 3, "Loss不稳定、震荡 → 减小学习率"): validation loss oscillates. Measured on the
 * log of the loss (so the swing is relative to its level) as the root-mean-square distance from its running median
 * over {@value #WINDOW} epochs: a steadily falling or flat curve sits on its running median, an oscillating one
 * swings around it. Swings above {@value #MAX_SWING} (about 10 % of the loss), or any non-finite loss (a diverged
 * run), flag it.
 */
final class UnstableRule {
    static final int WINDOW = 5;
    static final double MAX_SWING = 0.10;
    static final String REMEDY = "lower the learning rate";

    private UnstableRule() {
    }

    static Optional<Diagnosis> judge(Curve c) {
        if (!c.finite()) {
            return Optional.of(new Diagnosis(DiagnosisKind.UNSTABLE, "Unstable: a loss became NaN or infinite (the"
                    + " run diverged).", REMEDY, null));
        }
        if (c.size() < WINDOW) return Optional.empty();
        double swing = swing(c.val());
        if (Double.isNaN(swing) || swing <= MAX_SWING) return Optional.empty();
        return Optional.of(new Diagnosis(DiagnosisKind.UNSTABLE, String.format(Locale.ROOT,
                "Unstable: validation loss swings %.0f%% around its running median from epoch to epoch (more than"
                        + " %.0f%%).", 100 * (Math.exp(swing) - 1), 100 * (Math.exp(MAX_SWING) - 1)), REMEDY, null));
    }

    /** RMS of ln(loss) minus its centred running median (narrower at the ends); NaN when a loss is not positive. */
    static double swing(double[] val) {
        int n = val.length;
        double[] log = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(val[i] > 0)) return Double.NaN;
            log[i] = Math.log(val[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int half = Math.min(WINDOW / 2, Math.min(i, n - 1 - i)); // centred, so a monotone fall sits on it
            int from = i - half, to = i + half + 1;
            double r = log[i] - median(log, from, to);
            sum += r * r;
        }
        return Math.sqrt(sum / n);
    }

    /** The median of at most {@value #WINDOW} values, by insertion sort (this runs once per epoch). */
    private static double median(double[] x, int from, int to) {
        double[] w = new double[to - from];
        for (int i = 0; i < w.length; i++) {
            double v = x[from + i];
            int j = i;
            while (j > 0 && w[j - 1] > v) {
                w[j] = w[j - 1];
                j--;
            }
            w[j] = v;
        }
        int m = w.length / 2;
        return w.length % 2 == 1 ? w[m] : (w[m - 1] + w[m]) / 2;
    }
}
