package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.BinanceDumps;
import dev.lstmtuner.data.BinanceFetch;
import dev.lstmtuner.data.DumpDownloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download Binance's public spot klines into one validated CSV per symbol.",
                "Each dump file's SHA-256 is verified against its .CHECKSUM before it is merged into",
                "<out>/btcusdt_1h.csv (one file per symbol and interval). Finished months come as",
                "monthly files, the current month as daily files. Verified files are cached under <out>/.binance/",
                "and not fetched again, so an interrupted fetch resumes where it stopped."},
        footer = {"", "Examples:",
                "  bin/lstm-tuner fetch BTCUSDT ETHUSDT BNBUSDT --interval 1h --from 2024-01 --to 2024-12",
                "  bin/lstm-tuner fetch BTCUSDT --from 2024-01 --base-url https://my-mirror.example",
                "", "Limits per fetch (exit 2 naming the one passed): 64 MiB per download, 256 MiB unzipped per symbol,",
                "16 entries per zip, 4096 characters per line.",
                "", "Exit codes: 0 done, 2 bad input, no network or a file that fails its checks (nothing half-written)."})
public final class FetchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SYMBOL", description = "Binance spot symbols, e.g. BTCUSDT ETHUSDT.")
    List<String> symbols;

    @Option(names = "--interval", defaultValue = "1h", description = "Kline interval (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM", description = "First month.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM", description = "Last month (default: this month, up to yesterday).")
    String to;

    @Option(names = "--out", defaultValue = "data", paramLabel = "DIR", description = "Folder for the CSVs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--base-url", defaultValue = BinanceDumps.DEFAULT_BASE_URL, paramLabel = "URL",
            description = "Server or mirror with Binance's layout (default: ${DEFAULT-VALUE}).")
    String baseUrl;

    @Option(names = "--timeout-s", defaultValue = "30", description = "Connect and read timeout per request (default: ${DEFAULT-VALUE}).")
    int timeoutS;

    @Option(names = "--insecure", description = "Accept an http:// --base-url (a mirror on this machine or a trusted"
            + " network): over plain HTTP anyone on the path can change the data, and the .CHECKSUM comes from the same server.")
    boolean insecure;

    /** Today in UTC; tests pin it. */
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new BadInputException("--base-url " + baseUrl + ": expected an http:// or https:// URL");
        }
        if (baseUrl.startsWith("http://") && !insecure) {
            throw new BadInputException("--base-url " + baseUrl + " is plain HTTP: anyone on the path can change the "
                    + "klines, and the .CHECKSUM that verifies them comes from the same server; use https://, or pass "
                    + "--insecure for a mirror you trust");
        }
        if (timeoutS < 1) throw new BadInputException("--timeout-s must be at least 1, got " + timeoutS);
        YearMonth first = month("--from", from);
        YearMonth last = to == null ? YearMonth.from(today) : month("--to", to);
        boolean interactive = System.console() != null;
        List<BinanceFetch.Result> results = new BinanceFetch(baseUrl, out, Duration.ofSeconds(timeoutS))
                .fetch(symbols, interval, first, last, today, (done, total, f) -> progress(w, interactive, done, total, f));
        if (interactive) w.println();
        for (BinanceFetch.Result r : results) {
            w.printf(Locale.ROOT, "%s: %s (%d files, %d downloaded now, %s)%n", r.symbol(), r.csv(), r.files(),
                    r.downloaded(), bytes(r.downloadedBytes()));
            for (String line : r.report().lines().subList(1, r.report().lines().size())) w.println("  " + line);
            for (String note : r.notes()) w.println("  note: " + note);
        }
        w.flush();
        return 0;
    }

    private static YearMonth month(String option, String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadInputException(option + " " + value + ": expected a month as YYYY-MM, e.g. 2024-01");
        }
    }

    private static void progress(PrintWriter out, boolean interactive, int done, int total, DumpDownloader.Fetched f) {
        int width = 24, filled = (int) Math.round(width * (double) done / total);
        String state = f.missing() ? "missing" : f.cached() ? "verified (cached)" : "verified, " + bytes(f.downloadedBytes());
        out.printf(Locale.ROOT, "%s[%s%s] %d/%d %s %s%s", interactive ? "\r" : "", "#".repeat(filled),
                " ".repeat(width - filled), done, total, f.file().name(), state, interactive ? "   " : "\n");
        out.flush();
    }

    private static String bytes(long n) {
        if (n < 1024) return n + " B";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
