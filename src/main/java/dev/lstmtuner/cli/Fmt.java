package dev.lstmtuner.cli;

import java.time.ZoneOffset;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Trial;

import java.util.List;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How values look in the terminal: short numbers, times, compact params, prices and percentages. */
final class Fmt {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    /** Four significant digits at least, never scientific notation for prices. */
    static String metric(double v) {
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

    static String utc(long epochMs) {
        return UTC.format(Instant.ofEpochMilli(epochMs));
    }

    static String num(Double v) {
        if (v == null) return "-";
        if (v.isNaN() || v.isInfinite()) return v.toString();
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 1000) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 0.001) return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return String.format(Locale.ROOT, "%.3e", v);
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    static String params(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    static String value(Object v) {
        if (v instanceof Double d) return num(d);
        if (v instanceof List<?> l) {
            return l.stream().map(Fmt::value).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(v);
    }

    static String counts(Map<TrialState, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** Wall time of a trial so far, in seconds (null until it started). */
    static String seconds(Trial t) {
        if (t.startedAt() == null) return "-";
        Instant end = t.finishedAt() != null ? t.finishedAt() : t.heartbeatAt();
        if (end == null) return "-";
        return String.format(Locale.ROOT, "%.1f", (end.toEpochMilli() - t.startedAt().toEpochMilli()) / 1000.0);
    }

    /** A word as a POSIX shell reads it back unchanged: bare when safe, else single-quoted. */
    static String shell(Object word) {
        String s = String.valueOf(word);
        if (!s.isEmpty() && s.matches("[A-Za-z0-9._/:=@%+,-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
