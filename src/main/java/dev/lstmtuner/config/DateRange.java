package dev.lstmtuner.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The config's {@code from}/{@code to}: ISO dates ({@code 2024-01-01}, whole UTC days, both ends included) or
 * instants ({@code 2024-01-01T12:00:00Z}, exact). Bars with {@code fromMs <= open time < toMsExclusive} are kept;
 * null ends are open.
 */
public record DateRange(Long fromMs, Long toMsExclusive) {
    public static final DateRange ALL = new DateRange(null, null);

    public boolean isAll() {
        return fromMs == null && toMsExclusive == null;
    }

    public boolean contains(long timeMs) {
        return (fromMs == null || timeMs >= fromMs) && (toMsExclusive == null || timeMs < toMsExclusive);
    }

    /** @throws BadInputException naming {@code src} and the key when a date does not parse or from is not before to */
    public static DateRange parse(String from, String to, String src) {
        Long f = from == null ? null : start(from, src, "from");
        Long t = to == null ? null : end(to, src, "to");
        if (f != null && t != null && f >= t) {
            ConfigValidator.fail(src, "to", "must be after \"from\" (" + from + "), got " + to);
        }
        return new DateRange(f, t);
    }

    private static long start(String s, String src, String key) {
        try {
            return s.contains("T") ? Instant.parse(s).toEpochMilli()
                    : LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw bad(s, src, key);
        }
    }

    /** A date includes its whole day; an instant is included itself. */
    private static long end(String s, String src, String key) {
        try {
            return s.contains("T") ? Instant.parse(s).toEpochMilli() + 1
                    : LocalDate.parse(s).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw bad(s, src, key);
        }
    }

    private static BadInputException bad(String s, String src, String key) {
        return new BadInputException(src + ": \"" + key + "\" must be an ISO date like 2024-01-01 or an instant like"
                + " 2024-01-01T00:00:00Z, got \"" + s + "\"");
    }
}
