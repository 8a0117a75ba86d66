package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;

/** Fits {@link Scaler}s per column; callers pass the training rows only. */
final class Scalers {
    private Scalers() {
    }

    static void checkKind(String kind) {
        if (!"standard".equals(kind) && !"minmax".equals(kind)) {
            throw new BadInputException("scaler must be standard or minmax, got \"" + kind + "\"");
        }
    }

    /** Fits on {@code rows[from..to)}, every column. */
    static Scaler fit(String kind, double[][] rows, int from, int to, int width) {
        double[] shift = new double[width], scale = new double[width];
        double[] col = new double[to - from];
        for (int j = 0; j < width; j++) {
            for (int i = from; i < to; i++) col[i - from] = rows[i][j];
            double[] s = fitColumn(kind, col);
            shift[j] = s[0];
            scale[j] = s[1];
        }
        return new Scaler(kind, shift, scale);
    }

    /** A one-column scaler for the target. */
    static Scaler fit(String kind, double[] values) {
        double[] s = fitColumn(kind, values);
        return new Scaler(kind, new double[]{s[0]}, new double[]{s[1]});
    }

    private static double[] fitColumn(String kind, double[] v) {
        double shift, scale;
        if ("minmax".equals(kind)) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            shift = min;
            scale = max - min;
        } else {
            double mean = 0;
            for (double x : v) mean += x;
            mean /= v.length;
            double ss = 0;
            for (double x : v) ss += (x - mean) * (x - mean);
            shift = mean;
            scale = Math.sqrt(ss / v.length);
        }
        // A constant column would divide by zero: leave it unscaled (only shifted).
        if (!(scale > 0) || !Double.isFinite(scale)) scale = 1;
        return new double[]{shift, scale};
    }
}
