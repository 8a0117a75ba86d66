package dev.lstmtuner.search.pruner;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.search.PastTrial;

import java.util.Locale;

/** Helpers on per-epoch objective curves. */
final class Curves {
    private Curves() {
    }

    /** The best value over epochs 1..epoch (NaN epochs skipped; NaN if all are NaN). */
    static double bestUpTo(double[] curve, int epoch, Direction direction) {
        double best = Double.NaN;
        for (int e = 0; e < Math.min(epoch, curve.length); e++) {
            if (direction.isBetter(curve[e], best)) best = curve[e];
        }
        return best;
    }

    /**
     * Whether {@code other} trained at the same fidelity as {@code mine} at every epoch up to {@code epoch}: only
     * then are their values there measured alike (an epoch without a recorded fidelity trained on all windows).
     */
    static boolean sameFidelity(double[] mine, PastTrial other, int epoch) {
        for (int e = 1; e <= epoch; e++) {
            double f = e <= mine.length && !Double.isNaN(mine[e - 1]) ? mine[e - 1] : 1.0;
            if (Math.abs(f - other.fidelityAt(e)) > 1e-12) return false;
        }
        return true;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
