package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;

/** What to do when the time grid has holes. */
public enum GapPolicy {
    /** Refuse the file, naming where the gaps are. */
    FAIL,
    /** Keep the data, but build no window (nor target) that crosses a gap. */
    SKIP_WINDOWS;

    public static GapPolicy parse(String s) {
        return switch (s) {
            case "fail" -> FAIL;
            case "skip-windows" -> SKIP_WINDOWS;
            default -> throw new BadInputException("gap_policy must be fail or skip-windows, got \"" + s + "\"");
        };
    }
}
