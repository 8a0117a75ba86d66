package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.CsvCell;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.SortColumn;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.store.TrialReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export every trial of a campaign (params, metrics, provenance) as CSV or JSON.")
public final class ExportCommand implements Callable<Integer> {
    private static final int PAGE = 500;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "<campaign>", description = "Campaign name.")
    String campaign;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json",
            description = "csv: one row per trial (params as param.<name> columns); json: full trial reports "
                    + "with epoch curves. Default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "<file>", description = "Write to this file instead of standard output.")
    Path outFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("csv") && !format.equals("json")) {
            throw new BadInputException("--format '" + format + "' is not known: use csv or json");
        }
        String text;
        try (Store store = storeOptions.open()) {
            Campaign c = store.campaign(campaign).orElseThrow(() -> new BadInputException("no campaign named '"
                    + campaign + "': run `lstm-tuner campaigns` to list them"));
            text = format.equals("csv") ? csv(store, c) : json(store, c);
        }
        if (outFile != null) {
            if (outFile.toAbsolutePath().getParent() != null) Files.createDirectories(outFile.toAbsolutePath().getParent());
            Files.writeString(outFile, text);
            spec.commandLine().getErr().println("wrote " + outFile);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** Walks the campaign in trial-number order, one page at a time, so a large campaign never sits in memory twice. */
    static void forEachTrial(Store store, String campaign, Consumer<Trial> each) {
        for (int offset = 0; ; offset += PAGE) {
            Page<Trial> page = store.trials(new TrialQuery(campaign, SortColumn.NUMBER.key(), false, null, PAGE, offset));
            page.items().forEach(each);
            if (page.items().size() < PAGE) return;
        }
    }

    static String json(Store store, Campaign c) {
        List<Object> trials = new ArrayList<>();
        forEachTrial(store, c.name(), t -> trials.add(StoreJson.report(store.report(t.id()).orElseThrow())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", StoreJson.campaign(c));
        m.put("trials", trials);
        return StoreJson.write(m) + "\n";
    }

    static String csv(Store store, Campaign c) {
        List<String> params = store.sortKeys(c.name()).stream().filter(k -> SortColumn.byKey(k).isEmpty()).toList();
        List<String> header = new ArrayList<>(List.of("id", "campaign", "number", "state", "objective", "test_mae",
                "test_rmse", "test_mape", "test_r2", "direction_accuracy", "persistence_rmse", "skill",
                "val_rmse", "params", "epochs", "best_epoch", "training_seconds", "worker", "device",
                "created_at", "started_at", "finished_at", "pruned_epoch", "failure_reason"));
        params.forEach(p -> header.add("param." + p));
        header.addAll(List.of("seed", "data_sha256", "data_rows", "lstm_tuner_version", "git_commit",
                "nd4j_backend", "threads", "host"));
        StringWriter sw = new StringWriter();
        PrintWriter w = new PrintWriter(sw);
        w.println(line(header));
        forEachTrial(store, c.name(), t -> {
            TrialReport r = store.report(t.id()).orElseThrow();
            FinalMetrics m = t.metrics();
            List<Object> row = new ArrayList<>(Arrays.asList(t.id(), t.campaign(), t.number(), t.state(),
                    t.objective(),
                    m == null ? null : m.model().mae(), m == null ? null : m.model().rmse(),
                    m == null ? null : m.model().mape(), m == null ? null : m.model().r2(),
                    m == null ? null : m.model().directionAccuracy(), m == null ? null : m.persistence().rmse(),
                    m == null ? null : m.skill(), m == null ? null : m.bestValRmse(),
                    m == null ? null : m.params(), m == null ? null : m.epochs(),
                    m == null ? null : m.bestEpoch(), m == null ? null : m.trainingSeconds(),
                    t.worker(), t.device(), StoreJson.iso(t.createdAt()), StoreJson.iso(t.startedAt()),
                    StoreJson.iso(t.finishedAt()), t.prunedEpoch(), t.failureReason()));
            for (String p : params) {
                Object v = t.params().get(p);
                row.add(v instanceof List<?> || v instanceof Map<?, ?> ? StoreJson.write(v).replaceAll("\\s+", "") : v);
            }
            Provenance pv = r.provenance();
            row.addAll(Arrays.asList(pv == null ? null : pv.seed(),
                    pv == null || pv.data() == null ? null : pv.data().sha256(),
                    pv == null || pv.data() == null ? null : pv.data().rows(),
                    pv == null ? null : pv.lstmTunerVersion(), pv == null ? null : pv.gitCommit(),
                    pv == null ? null : pv.nd4jBackend(), pv == null ? null : pv.threads(),
                    pv == null ? null : pv.host()));
            w.println(line(row));
        });
        w.flush();
        return sw.toString();
    }

    private static String line(List<?> cells) {
        return cells.stream().map(ExportCommand::cell).collect(Collectors.joining(","));
    }

    /** RFC 4180 quoting and the formula guard shared with the leaderboard's download ({@link CsvCell}). */
    static String cell(Object v) {
        return CsvCell.of(v);
    }
}
