package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an OHLCV CSV into a validated {@link Series}, detecting the layout from the first line:
 * <ul>
 *   <li>a header {@code timestamp,open,high,low,close,volume} (names case-insensitive, more columns may follow;
 *       {@code open_time} as the first name covers Binance USD-M futures dumps), times ISO-8601 UTC or epoch ms;</li>
 *   <li>no header and 12 columns: a Binance spot kline dump, open time in ms, or µs from 2025 (any value >= 1e14).</li>
 * </ul>
 * Every problem is reported with file, line, column and value; up to {@link InputErrors#SHOWN} are listed in one
 * {@link BadInputException}. Gaps in the time grid are recorded in {@link Series#gaps()}, not judged here
 * (see {@link DataSource} for the gap policy).
 */
public final class CsvLoader {
    static final List<String> OHLCV = List.of("open", "high", "low", "close", "volume");
    private static final Set<String> TIME_NAMES = Set.of("timestamp", "open_time", "time", "date", "datetime");
    private static final String[] BINANCE_COLUMNS = {"open_time", "open", "high", "low", "close", "volume",
            "close_time", "quote_volume", "trades", "taker_buy_base", "taker_buy_quote", "ignore"};
    private static final String EXPECTED = "expected a header timestamp,open,high,low,close,volume "
            + "or a 12-column Binance kline dump without header";

    private CsvLoader() {
    }

    public static Series load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new BadInputException("data file not found: " + path + (Files.isDirectory(path)
                    ? " is a directory" : "") + " (check the \"data\" path, or leave it out to use the bundled data)");
        }
        checkNotUtf16(path);
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(in, path.toString(), String.valueOf(path.getFileName()));
        } catch (CharacterCodingException e) {
            throw new BadInputException(path + ": not UTF-8 text: it has bytes UTF-8 cannot decode (Latin-1 or "
                    + "Windows-1252, perhaps); lstm-tuner reads UTF-8: save the file as UTF-8, e.g. `iconv -f LATIN1 -t UTF-8 "
                    + path.getFileName() + " > prices-utf8.csv`", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read data file " + path + ": " + e.getMessage(), e);
        }
    }

    /** UTF-16 (what some spreadsheet exports write) starts with a byte order mark, or has a zero byte in each pair. */
    private static void checkNotUtf16(Path path) {
        byte[] head = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new BadInputException("cannot read data file " + path + ": " + e.getMessage(), e);
        }
        String found = null;
        if (n >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) found = "UTF-16LE (byte order mark FF FE)";
        else if (n >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) found = "UTF-16BE (byte order mark FE FF)";
        else if (n >= 4 && head[1] == 0 && head[3] == 0 && head[0] != 0) found = "UTF-16LE";
        else if (n >= 4 && head[0] == 0 && head[2] == 0 && head[1] != 0) found = "UTF-16BE";
        if (found != null) {
            throw new BadInputException(path + ": the file is " + found + " text; lstm-tuner reads UTF-8: convert it, "
                    + "e.g. `iconv -f UTF-16 -t UTF-8 " + path.getFileName() + " > prices-utf8.csv`");
        }
    }

    /** Parses CSV text; {@code file} names it in messages and becomes {@link Series#source()}. */
    static Series parse(BufferedReader in, String file, String fileName) throws IOException {
        InputErrors errors = new InputErrors(file, fileName);
        String[] names = null;
        List<CsvRow> rows = new ArrayList<>();
        int dataRows = 0;
        int lineNo = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
            if (line.isBlank()) continue;
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) cells[i] = unquote(cells[i].trim());
            if (names == null) {
                names = layout(cells, lineNo, errors);
                errors.throwIfAny();      // no point reading rows of a file whose layout is unknown
                if (names != BINANCE_COLUMNS) continue;   // that line was the header
            }
            dataRows++;
            if (cells.length != names.length) {
                errors.addLine(lineNo, "has " + cells.length + " columns, expected " + names.length
                        + " (" + String.join(",", names) + ")");
                continue;
            }
            CsvRow row = row(cells, names, lineNo, errors);
            if (row != null) rows.add(row);
        }
        if (names == null) errors.addFile("is empty: " + EXPECTED);
        else if (dataRows < 2) errors.addFile("has " + dataRows + " data row" + (dataRows == 1 ? "" : "s")
                + ", need at least 2");
        TimeGrid.Result grid = TimeGrid.check(rows, names == null ? "timestamp" : names[0], errors);
        errors.throwIfAny();
        return toSeries(file, grid);
    }

    /** Column names for the file: the header's (lowercased) or the Binance layout when the first line is data. */
    private static String[] layout(String[] first, int lineNo, InputErrors errors) {
        if (Timestamps.isInteger(first[0])) {
            if (first.length != BINANCE_COLUMNS.length) {
                errors.addLine(lineNo, "has no header and " + first.length + " columns: " + EXPECTED);
            }
            return BINANCE_COLUMNS;
        }
        String[] names = new String[first.length];
        for (int i = 0; i < first.length; i++) names[i] = first[i].toLowerCase(Locale.ROOT);
        boolean ok = names.length >= 6 && TIME_NAMES.contains(names[0]);
        for (int i = 0; ok && i < OHLCV.size(); i++) ok = names[i + 1].equals(OHLCV.get(i));
        if (!ok) {
            errors.addLine(lineNo, "header \"" + InputErrors.clip(String.join(",", first)) + "\" not understood: "
                    + EXPECTED + " (more columns may follow volume)");
        }
        return names;
    }

    /** A row with a valid timestamp (its values may still be bad, then errors has them), or null. */
    private static CsvRow row(String[] cells, String[] names, int lineNo, InputErrors errors) {
        long timeMs;
        boolean ok = true;
        try {
            timeMs = Timestamps.parse(cells[0]);
        } catch (Timestamps.BadTimestamp e) {
            errors.add(lineNo, names[0], cells[0], e.getMessage());
            return null;
        }
        double[] v = new double[5];
        for (int i = 0; i < 5; i++) {
            v[i] = number(cells[i + 1], lineNo, names[i + 1], errors);
            ok &= !Double.isNaN(v[i]);
        }
        double open = v[0], high = v[1], low = v[2], close = v[3], volume = v[4];
        if (ok) {
            if (high < Math.max(open, close)) {
                errors.add(lineNo, names[2], cells[2], "is below " + (open > close ? "open " + cells[1]
                        : "close " + cells[4]) + ": high must be >= max(open, close)");
            }
            if (low > Math.min(open, close)) {
                errors.add(lineNo, names[3], cells[3], "is above " + (open < close ? "open " + cells[1]
                        : "close " + cells[4]) + ": low must be <= min(open, close)");
            }
        }
        if (low <= 0) errors.add(lineNo, names[3], cells[3], "is not positive: prices must be > 0");
        if (volume < 0) errors.add(lineNo, names[5], cells[5], "is negative: volume must be >= 0");
        return new CsvRow(lineNo, cells[0], timeMs, open, high, low, close, volume);
    }

    /** A finite number, or NaN after reporting why the cell is not one. */
    private static double number(String cell, int lineNo, String column, InputErrors errors) {
        if (cell.isEmpty()) {
            errors.add(lineNo, column, cell, "is empty: every price and volume must be a number");
            return Double.NaN;
        }
        // Double.parseDouble also takes "1d", "0x1p3", "NaN" and "Infinity": allow plain decimal notation only
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                String lower = cell.toLowerCase(Locale.ROOT);
                String why = lower.contains("nan") ? "is NaN" : lower.contains("inf") ? "is infinite" : "is not a number";
                errors.add(lineNo, column, cell, why + ": every price and volume must be a finite number");
                return Double.NaN;
            }
        }
        try {
            double d = Double.parseDouble(cell);
            if (Double.isFinite(d)) return d;
            errors.add(lineNo, column, cell, "is out of range: every price and volume must be a finite number");
        } catch (NumberFormatException e) {
            errors.add(lineNo, column, cell, "is not a number: every price and volume must be a finite number");
        }
        return Double.NaN;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' ? s.substring(1, s.length() - 1) : s;
    }

    private static Series toSeries(String source, TimeGrid.Result grid) {
        List<CsvRow> rows = grid.rows();
        int n = rows.size();
        long[] t = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) {
            CsvRow r = rows.get(i);
            t[i] = r.timeMs();
            o[i] = r.open();
            h[i] = r.high();
            l[i] = r.low();
            c[i] = r.close();
            v[i] = r.volume();
        }
        return new Series(source, grid.intervalMs(), t, o, h, l, c, v, List.copyOf(grid.gaps()));
    }
}
