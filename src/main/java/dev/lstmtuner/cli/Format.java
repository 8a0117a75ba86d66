package dev.lstmtuner.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Number and time formatting shared by the terminal views. */
final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** Four significant digits at least, never scientific notation for prices. */
    static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.2f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.4f", v);
        if (a == 0) return "0";
        if (a >= 1e-4) return String.format(Locale.ROOT, "%.6f", v);
        return String.format(Locale.ROOT, "%.3e", v);
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String time(long epochMs) {
        return TIME.format(Instant.ofEpochMilli(epochMs));
    }
}
