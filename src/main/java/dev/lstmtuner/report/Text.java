package dev.lstmtuner.report;

import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.Verdict;
import dev.lstmtuner.store.Trial;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How the report writes values: numbers, deltas, times, params; and escaping for HTML and Markdown. */
final class Text {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    /** Text for HTML element content and attribute values. */
    static String html(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Text for a Markdown table cell: no line breaks, pipes and markup characters escaped, no raw HTML. */
    static String md(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n', '\r' -> b.append(' ');
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '|', '\\', '`', '*', '_', '[', ']', '#' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String num(Double v) {
        if (v == null || v.isNaN()) return "–";
        if (v.isInfinite()) return v > 0 ? "inf" : "-inf";
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 1000) return String.format(Locale.ROOT, "%,.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.3f", v);
        if (a >= 1e-3) return String.format(Locale.ROOT, "%.4f", v);
        return String.format(Locale.ROOT, "%.2e", v);
    }

    static String delta(Double d) {
        if (d == null || d.isNaN()) return "";
        return (d > 0 ? "+" : d < 0 ? "−" : "±") + num(Math.abs(d));
    }

    static String pct(Double fraction) {
        return fraction == null || fraction.isNaN() ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    static String seconds(Double s) {
        if (s == null || s.isNaN()) return "–";
        if (s < 120) return String.format(Locale.ROOT, "%.1f s", s);
        if (s < 7200) return String.format(Locale.ROOT, "%.1f min", s / 60);
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    static String time(Instant t) {
        return t == null ? "–" : UTC.format(t);
    }

    static String params(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    static String value(Object v) {
        if (v instanceof Double d) return num(d);
        if (v instanceof List<?> l) return l.stream().map(Text::value).collect(Collectors.joining(",", "[", "]"));
        return String.valueOf(v);
    }

    /** The trial against the ridge baseline on the same windows, in words. */
    static String ridge(Trial t) {
        return t.metrics() == null ? "–" : Verdict.ridge(t.metrics()).words();
    }

    /** THE best of a campaign in one line: which trial, and whether it is the confirmed winner. */
    static String best(BestTrial b) {
        return "best: trial " + b.trial().label() + (b.confirmed() ? ", the confirmed winner" : "")
                + (b.chosenArm() != null ? ", the chosen arm \"" + b.chosenArm() + "\"" : "");
    }

    static String state(Trial t) {
        return t.state().name().toLowerCase(Locale.ROOT);
    }
}
