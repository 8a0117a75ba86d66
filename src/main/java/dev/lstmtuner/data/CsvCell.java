package dev.lstmtuner.data;

/**
 * One CSV cell as every CSV lstm-tuner writes for people (the leaderboard download, {@code export --format csv}):
 * RFC 4180 quoting, and the OWASP formula guard, so a value a spreadsheet would run as a formula (a param, a tag or
 * a failure reason starting with {@code = + - @}, tab or carriage return) opens as text. Numbers are written as they
 * are: a negative number stays a number.
 */
public final class CsvCell {
    /** The characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
    static final String FORMULA_START = "=+-@\t\r";

    private CsvCell() {
    }

    public static String of(Object v) {
        if (v == null) return "";
        if (v instanceof Number) return v.toString();
        String s = v.toString();
        if (!s.isEmpty() && FORMULA_START.indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
