package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Merges verified kline dump zips, in time order, into one CSV ({@code timestamp,open,high,low,close,volume},
 * ISO-8601 UTC). The rows go through {@link CsvLoader}'s validation first, which also reads the microsecond open
 * times Binance spot dumps use from 2025 on; the file is written to a temporary name and moved into place, so a
 * failed merge leaves no partial output.
 */
public final class KlineMerge {
    private KlineMerge() {
    }

    /** The validated series of the zips' rows; {@code out} names the merged file in error messages. */
    public static Series read(List<Path> zips, Path out) {
        return read(zips, out, FetchLimits.DEFAULT);
    }

    /** As above, refusing (exit 2, naming the limit) more entries, unzipped bytes or line length than {@code limits}. */
    public static Series read(List<Path> zips, Path out, FetchLimits limits) {
        StringBuilder text = new StringBuilder();
        StringBuilder legend = new StringBuilder();
        int line = 0;
        long[] unzipped = {0};
        for (Path zip : zips) {
            int first = line + 1;
            for (String row : rows(zip, limits, unzipped)) {
                text.append(row).append('\n');
                line++;
            }
            legend.append(legend.isEmpty() ? "" : ", ").append(first).append('-').append(line).append(' ')
                    .append(zip.getFileName());
        }
        try (BufferedReader in = new BufferedReader(new StringReader(text.toString()))) {
            return CsvLoader.parse(in, out.toString(), String.valueOf(out.getFileName()));
        } catch (BadInputException e) {
            throw new BadInputException(e.getMessage() + "\n(lines count through the dumps in order: " + legend + ")", e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** Writes the series as CSV to {@code out} through a temporary file in the same folder. */
    public static void write(Series s, Path out) {
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // a plain new file (not createTempFile, whose 0600 mode the moved CSV would keep)
            Path part = dir.resolve(out.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            try {
                try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                    w.write("timestamp,open,high,low,close,volume\n");
                    for (int i = 0; i < s.size(); i++) {
                        w.write(Instant.ofEpochMilli(s.timeMs()[i]) + "," + plain(s.open()[i]) + "," + plain(s.high()[i])
                                + "," + plain(s.low()[i]) + "," + plain(s.close()[i]) + "," + plain(s.volume()[i]) + "\n");
                    }
                }
                Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** The shortest decimal that reads back as the same double, never in exponent form. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * The data lines of the zip's CSV entries (a header line, as some dumps have, is dropped); {@code unzipped[0]}
     * counts the characters read across the symbol's zips, against {@link FetchLimits#uncompressedBytes()}.
     */
    private static List<String> rows(Path zip, FetchLimits limits, long[] unzipped) {
        List<String> rows = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            if (z.size() > limits.zipEntries()) {
                throw new BadInputException(zip + ": holds " + z.size() + " entries, more than the limit of "
                        + limits.zipEntries() + " (FetchLimits.zipEntries); a kline dump holds one: delete it and check --base-url");
            }
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) continue;
                try (Reader in = new BufferedReader(new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8))) {
                    String line;
                    boolean first = true;
                    int no = 0;
                    StringBuilder buf = new StringBuilder();
                    while ((line = nextLine(in, buf, limits.lineChars())) != null) {
                        no++;
                        if (line == TOO_LONG) {
                            throw new BadInputException(zip + " line " + no + ": longer than " + limits.lineChars()
                                    + " characters, the limit (FetchLimits.lineChars); a kline row is about 100: delete it and check --base-url");
                        }
                        unzipped[0] += line.length() + 1;
                        if (unzipped[0] > limits.uncompressedBytes()) throw DumpDownloader.tooMuch(zip.toString(), limits);
                        if (line.isBlank()) continue;
                        if (first && !line.isEmpty() && Character.isLetter(line.charAt(0))) {
                            first = false;
                            continue;
                        }
                        first = false;
                        rows.add(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new BadInputException(zip + ": cannot read the zip (" + e.getMessage() + "); delete it and fetch again");
        }
        return rows;
    }

    /** Marks a line past the limit (compared by identity). */
    private static final String TOO_LONG = new String("line too long");

    /** The next line without its terminator, null at the end, {@link #TOO_LONG} once it passes {@code max} characters. */
    private static String nextLine(Reader in, StringBuilder buf, int max) throws IOException {
        buf.setLength(0);
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') break;
            if (c == '\r') continue;
            if (buf.length() >= max) return TOO_LONG;
            buf.append((char) c);
        }
        return any ? buf.toString() : null;
    }
}
