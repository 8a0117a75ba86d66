package dev.lstmtuner.data;

import java.time.Instant;

/** Human forms of bar intervals and bar times for messages and reports. */
public final class Intervals {
    private Intervals() {
    }

    /** {@code 60000 -> "1m"}, {@code 3600000 -> "1h"}, {@code 86400000 -> "1d"}, else seconds or milliseconds. */
    public static String human(long ms) {
        if (ms > 0 && ms % 86_400_000L == 0) return ms / 86_400_000L + "d";
        if (ms > 0 && ms % 3_600_000L == 0) return ms / 3_600_000L + "h";
        if (ms > 0 && ms % 60_000L == 0) return ms / 60_000L + "m";
        if (ms > 0 && ms % 1000L == 0) return ms / 1000L + "s";
        return ms + "ms";
    }

    static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
