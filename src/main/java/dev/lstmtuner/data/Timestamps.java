package dev.lstmtuner.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the timestamp cells the loaders accept into epoch milliseconds (UTC). */
final class Timestamps {
    /** Binance spot dumps switched to microseconds on 2025-01-01; no millisecond time before year 5138 is this big. */
    static final long MICROS_THRESHOLD = 100_000_000_000_000L;
    /** Below this an epoch number is almost surely seconds (1973 in milliseconds). */
    private static final long SECONDS_SUSPECT = 100_000_000_000L;

    private Timestamps() {
    }

    /** Thrown with a user-facing reason; the caller adds file, line and column. */
    static final class BadTimestamp extends Exception {
        BadTimestamp(String reason) {
            super(reason, null, false, false);
        }
    }

    static boolean isInteger(String s) {
        if (s.isEmpty()) return false;
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) return false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** Epoch milliseconds, or microseconds when {@code >= 1e14} (Binance spot from 2025). */
    static long epochToMs(String s) throws BadTimestamp {
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new BadTimestamp("is not a valid epoch time (too many digits)");
        }
        if (v >= MICROS_THRESHOLD) return v / 1000;
        if (v < SECONDS_SUSPECT) {
            throw new BadTimestamp("is too small for epoch milliseconds (epoch seconds? multiply by 1000)");
        }
        return v;
    }

    /**
     * The common shape {@code yyyy-MM-ddTHH:mm:ssZ} (or a space for T) without java.time's general parser, which
     * dominates load time on 30k-row files. Long.MIN_VALUE when the text has another shape or an invalid field.
     */
    private static long fastIso(String s) {
        if (s.length() != 20 || s.charAt(19) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;   // let the general parser produce the error
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** ISO-8601 with Z or an offset, a local date-time (T or space separated) or a date, taken as UTC; or epoch ms/µs. */
    static long parse(String s) throws BadTimestamp {
        if (s.isEmpty()) throw new BadTimestamp("is empty: every row needs a timestamp");
        if (isInteger(s)) return epochToMs(s);
        long fast = fastIso(s);
        if (fast != Long.MIN_VALUE) return fast;
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            char last = iso.charAt(iso.length() - 1);
            if (last == 'Z' || last == 'z') return Instant.parse(iso.substring(0, iso.length() - 1) + 'Z').toEpochMilli();
            if (iso.length() > 19 && (iso.indexOf('+', 19) > 0 || iso.indexOf('-', 19) > 0)) {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            }
            if (iso.length() == 10) return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadTimestamp("is not a timestamp: use ISO-8601 UTC like 2022-01-01T00:00:00Z or epoch milliseconds");
        }
    }
}
