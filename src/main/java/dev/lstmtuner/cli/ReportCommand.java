package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.report.HtmlReport;
import dev.lstmtuner.report.MarkdownReport;
import dev.lstmtuner.report.Report;
import dev.lstmtuner.report.ReportBuilder;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a report to share, as one HTML file or as Markdown.",
                "The HTML file is self-contained (opens offline, charts inlined). Both hold the leaderboard's top",
                "trials, an A/B table with deltas and Diebold–Mariano verdicts, the best trial per symbol and per",
                "model family, learning curves with the overfitting flag, predictions vs actual vs persistence, and",
                "provenance."},
        footer = {"", "Examples:",
                "  bin/lstm-tuner report quick --out results/quick.html",
                "  bin/lstm-tuner report symbols-btcusdt,symbols-ethusdt,symbols-bnbusdt --out results/symbols.html",
                "  bin/lstm-tuner report quick --compare quick/3,quick/7 --format md --out quick.md",
                "", "Exit codes: 0 written, 2 bad input (unknown campaign or trial, bad option)."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CAMPAIGN[,CAMPAIGN...]", description = "Campaigns to report on.")
    List<String> campaigns;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: report.html, or report.md with --format md).")
    Path out;

    @Option(names = "--format", defaultValue = "html", description = "html (default) or md.")
    String format;

    @Option(names = "--top", defaultValue = "10", description = "Leaderboard rows per campaign (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--compare", split = ",", paramLabel = "TRIAL",
            description = "Trials for the A/B table, A first (<campaign>/<number> or id). Default: each campaign's best,"
                    + " or one campaign's top three.")
    List<String> compare = new ArrayList<>();

    @Option(names = "--artifacts", defaultValue = "results/artifacts", paramLabel = "DIR",
            description = "Folder the workers wrote artifacts under (default: ${DEFAULT-VALUE}); a predictions file the"
                    + " store records outside it is not read.")
    Path artifacts;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        if (!format.equals("html") && !format.equals("md")) {
            throw new BadInputException("--format " + format + ": use html or md");
        }
        Path file = out != null ? out : Path.of(format.equals("md") ? "report.md" : "report.html");
        try (Store store = storeOptions.open()) {
            List<String> names = new ArrayList<>();
            for (String arg : campaigns) {
                // a name that itself holds a comma is taken whole
                if (store.campaign(arg).isPresent()) names.add(arg);
                else for (String n : arg.split(",")) if (!n.isBlank()) names.add(n.trim());
            }
            List<Long> ab = compare.stream().map(ref -> TrialRef.resolve(store, ref.trim()).id()).toList();
            if (ab.size() == 1) throw new BadInputException("--compare needs at least two trials, got " + compare.get(0));
            Report r = new ReportBuilder(store, top, ArtifactRoot.of(artifacts)).build(names, ab);
            write(file, format.equals("md") ? MarkdownReport.render(r) : HtmlReport.render(r));
            spec.commandLine().getOut().println("wrote " + file + " (" + r.campaigns().size() + " campaign"
                    + (r.campaigns().size() == 1 ? "" : "s") + ", " + r.ab().size() + " trials in the A/B table, "
                    + r.focus().size() + " in detail)");
        }
        return 0;
    }

    /** Through a temporary file in the same folder: a reader never sees half a report. */
    private static void write(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // a plain new file (not createTempFile, whose 0600 mode the moved report would keep)
            Path part = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            try {
                Files.writeString(part, text, StandardCharsets.UTF_8);
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
