package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;

import java.util.Locale;

/** Whether a campaign's objective is better when smaller or larger. */
public enum Direction {
    MINIMIZE, MAXIMIZE;

    public static Direction parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadInputException("direction '" + text + "' is not known: use minimize or maximize");
        }
    }

    /** True when {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return this == MINIMIZE ? a < b : a > b;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
