package dev.lstmtuner.result;

import dev.lstmtuner.config.BadInputException;

import java.util.List;
import java.util.Locale;

/** Whether a campaign's objective (e.g. val_rmse) is better when smaller or larger. */
public enum Direction {
    MINIMIZE, MAXIMIZE;

    /** True when {@code a} is strictly better than {@code b}; NaN is never better. */
    public boolean isBetter(double a, double b) {
        if (Double.isNaN(a)) return false;
        if (Double.isNaN(b)) return true;
        return this == MINIMIZE ? a < b : a > b;
    }

    /** The value turned so that smaller is always better (NaN becomes +infinity: the worst). */
    public double asLoss(double value) {
        if (Double.isNaN(value)) return Double.POSITIVE_INFINITY;
        return this == MINIMIZE ? value : -value;
    }

    /** Each value turned by its objective's direction ({@link #asLoss}): a point whose every coordinate is a loss. */
    public static double[] asLosses(List<Direction> directions, double[] values) {
        double[] l = new double[values.length];
        for (int k = 0; k < values.length; k++) l[k] = directions.get(k).asLoss(values[k]);
        return l;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction parse(String text) {
        return parse(text, "direction");
    }

    public static Direction parse(String text, String source) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "minimize", "min": return MINIMIZE;
                case "maximize", "max": return MAXIMIZE;
                default: break;
            }
        }
        throw new BadInputException(source + ": direction must be \"minimize\" or \"maximize\", got \"" + text + "\"");
    }
}
