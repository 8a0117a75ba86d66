package dev.lstmtuner.search.pruner;

import dev.lstmtuner.result.Direction;

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

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
