package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Binance's public spot kline dumps (data.binance.vision): which files cover a range of months and where they lie.
 * Finished months come as one monthly zip each; the current month, which has no monthly file yet, as one daily zip
 * per finished day. Every zip has a {@code .CHECKSUM} file beside it holding its SHA-256.
 */
public final class BinanceDumps {
    public static final String DEFAULT_BASE_URL = "https://data.binance.vision";
    public static final List<String> INTERVALS = List.of("1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h",
            "6h", "8h", "12h", "1d", "3d", "1w", "1mo");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");

    private BinanceDumps() {
    }

    /**
     * One dump file: {@code period} is its month or day, {@code path} is relative to the base URL (and to the local
     * cache), {@code day} is set for a daily file.
     */
    public record DumpFile(String symbol, String interval, String period, String name, String path, LocalDate day) {
        public String url(String baseUrl) {
            return stripSlash(baseUrl) + "/" + path;
        }

        public String checksumUrl(String baseUrl) {
            return url(baseUrl) + ".CHECKSUM";
        }
    }

    /** The symbol as Binance spells it (upper case), or a {@link BadInputException} naming it. */
    public static String symbol(String raw) {
        String s = raw.trim().toUpperCase(Locale.ROOT);
        if (!SYMBOL.matcher(s).matches()) {
            throw new BadInputException("symbol \"" + raw + "\" is not a Binance spot symbol: use letters and digits"
                    + " only, e.g. BTCUSDT");
        }
        return s;
    }

    public static String interval(String raw) {
        if (!INTERVALS.contains(raw)) {
            throw new BadInputException("--interval " + raw + " is not a Binance kline interval: use one of "
                    + String.join(", ", INTERVALS));
        }
        return raw;
    }

    /**
     * The files covering months {@code from..to} (both included) as of {@code today} (UTC): monthly files for
     * finished months, daily files for the finished days of the current month.
     */
    public static List<DumpFile> files(String symbol, String interval, YearMonth from, YearMonth to, LocalDate today) {
        YearMonth current = YearMonth.from(today);
        if (from.isAfter(to)) {
            throw new BadInputException("--from " + from + " is after --to " + to + ": swap them");
        }
        if (to.isAfter(current)) {
            throw new BadInputException("--to " + to + " is in the future (this month is " + current
                    + "): Binance publishes finished days only");
        }
        List<DumpFile> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            if (m.equals(current)) {
                for (LocalDate d = m.atDay(1); d.isBefore(today); d = d.plusDays(1)) out.add(daily(symbol, interval, d));
            } else {
                String name = symbol + "-" + interval + "-" + m + ".zip";
                out.add(new DumpFile(symbol, interval, m.toString(), name,
                        "data/spot/monthly/klines/" + symbol + "/" + interval + "/" + name, null));
            }
        }
        return out;
    }

    static DumpFile daily(String symbol, String interval, LocalDate day) {
        String name = symbol + "-" + interval + "-" + day + ".zip";
        return new DumpFile(symbol, interval, day.toString(), name, "data/spot/daily/klines/" + symbol + "/" + interval + "/" + name, day);
    }

    /** The merged CSV's file name: {@code btcusdt_1h.csv}. */
    public static String csvName(String symbol, String interval) {
        return symbol.toLowerCase(Locale.ROOT) + "_" + interval + ".csv";
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
