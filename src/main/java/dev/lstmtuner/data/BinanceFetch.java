package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.BinanceDumps.DumpFile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code lstm-tuner fetch}: downloads the dumps of each symbol over a month range, verifies them, and writes one
 * validated CSV per symbol ({@code <out>/btcusdt_1h.csv}). Verified downloads are cached under
 * {@code <out>/.binance/} (the server's layout), so a second run fetches only what is missing.
 * A symbol's CSV is written only when all its files are verified and its rows validate.
 */
public final class BinanceFetch {
    /** Told about each dump file as it is done. */
    public interface Progress {
        void onFile(int done, int total, DumpDownloader.Fetched fetched);
    }

    /** What one symbol's fetch produced. */
    public record Result(String symbol, Path csv, DataReport report, int files, int downloaded, long downloadedBytes,
                         List<String> notes) {
    }

    private final DumpDownloader downloader;
    private final Path out;
    private final FetchLimits limits;

    public BinanceFetch(String baseUrl, Path out, Duration timeout) {
        this(baseUrl, out, timeout, FetchLimits.DEFAULT);
    }

    public BinanceFetch(String baseUrl, Path out, Duration timeout, FetchLimits limits) {
        this.out = out;
        this.limits = limits;
        this.downloader = new DumpDownloader(baseUrl, out.resolve(".binance"), timeout, limits);
    }

    public List<Result> fetch(List<String> symbols, String interval, YearMonth from, YearMonth to, LocalDate today,
                              Progress progress) {
        Map<String, List<DumpFile>> plan = new LinkedHashMap<>();
        int total = 0;
        for (String raw : symbols) {
            String s = BinanceDumps.symbol(raw);
            List<DumpFile> files = BinanceDumps.files(s, BinanceDumps.interval(interval), from, to, today);
            plan.put(s, files);
            total += files.size();
        }
        if (total == 0) {
            throw new BadInputException("--from " + from + " --to " + to + " holds no finished day yet (today is "
                    + today + "): take an earlier --from");
        }
        List<Result> results = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, List<DumpFile>> e : plan.entrySet()) {
            List<Path> zips = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            int downloaded = 0;
            long bytes = 0;
            for (DumpFile f : e.getValue()) {
                DumpDownloader.Fetched got = downloader.get(f);
                progress.onFile(++done, total, got);
                if (got.missing()) {
                    if (f.day() != null && f.day().equals(today.minusDays(1))) {
                        notes.add(f.name() + " is not published yet (Binance adds a day's file after it ends)");
                        continue;
                    }
                    throw new BadInputException(f.url(downloader.baseUrl()) + ": not on the server (HTTP 404): Binance has"
                            + " no " + f.interval() + " dump of " + f.symbol() + " for " + f.period() + " (not listed yet, or a misspelt symbol?); narrow --from/--to or check the symbol");
                }
                zips.add(got.zip());
                if (!got.cached()) {
                    downloaded++;
                    bytes += got.downloadedBytes();
                }
            }
            Path csv = out.resolve(BinanceDumps.csvName(e.getKey(), interval));
            Series s = KlineMerge.read(zips, csv, limits);
            KlineMerge.write(s, csv);
            results.add(new Result(e.getKey(), csv, DataReport.of(s), zips.size(), downloaded, bytes, notes));
        }
        return results;
    }
}
