package dev.lstmtuner.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import dev.lstmtuner.analysis.Verdict;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.CampaignNames;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.TrialExecutor;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreErrors;
import dev.lstmtuner.store.StoreException;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.train.NativeRuntime;
import dev.lstmtuner.train.Trainer;
import dev.lstmtuner.train.TrainingFailedException;
import dev.lstmtuner.train.TrialRunner;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one configuration and print its test metrics beside persistence.",
                "Persistence is the baseline next price = last price. Without --data it uses the bundled real",
                "Bitstamp BTC/USD minutes."},
        footer = {"", "Examples:",
                "  bin/lstm-tuner train --config experiments/quickstart.json",
                "  bin/lstm-tuner train --config experiments/reference.json --data ../shared/data/btcusdt_1h.csv",
                "  bin/lstm-tuner train --config experiments/quickstart.json --set learning_rate=0.003 --set units=[64,32]",
                "", "Exit codes: 0 done, 1 training failed (e.g. NaN loss), 2 bad input (config, data, options)."})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Run config JSON (keys: see README). Default: built-in defaults.")
    Path config;

    @Option(names = "--data", paramLabel = "CSV", description = "OHLCV CSV (header timestamp,open,high,low,close,volume) or a Binance kline dump; overrides \"data\".")
    String data;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one config key (value in JSON, e.g. units=[64,32]); repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--no-store", description = "Do not record this run in the experiment store.")
    boolean noStore;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--name", description = "Name of the one-trial campaign that records this run (default: train-<config>-<time>).")
    String name;

    @Option(names = "--artifacts", defaultValue = "results/artifacts", description = "Folder for the model and predictions (default: ${DEFAULT-VALUE}).")
    Path artifacts;

    @Option(names = "--json", description = "Print the final metrics as JSON instead of tables.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (name != null) CampaignNames.require(name, "--name");
        RunConfig c = resolveConfig();
        boolean interactive = System.console() != null && !json;

        // data problems are bad input (exit 2) and must not leave a failed run behind: check them before recording
        TrialRunner.Prepared prepared = TrialRunner.prepare(c);
        if (!json) printData(out, c, prepared);
        EpochProgress progress = new EpochProgress(out, c.maxEpochs(), interactive);
        EpochListener listener = json ? m -> EpochListener.Verdict.CONTINUE : progress;
        Trainer.BatchProgress batches = json ? (e, b, n, t) -> { } : progress;
        TrialRunner.Outcome outcome;
        if (noStore) {
            try {
                outcome = TrialRunner.run(c, prepared, listener, batches);
            } catch (TrainingFailedException e) {
                spec.commandLine().getErr().println("training failed: " + e.getMessage());
                return 1;
            }
        } else {
            try (Store store = storeOptions.open()) {
                String campaign = campaignName();
                store.createCampaign(CampaignSpec.single(campaign, ConfigLoader.toJson(c)));
                TrialHandle handle = store.start(campaign, Map.of(), WorkerCommand.hostName() + "-" + ProcessHandle.current().pid(),
                        NativeRuntime.device());
                TrialExecutor.Outcome o = new TrialExecutor(store, 5000).execute(handle,
                        new TrialExecutor.Plan(c, null, Objective.DEFAULT, Objective.DEFAULT.direction(),
                                CampaignNames.artifactDir(artifacts, campaign, 1), true), x -> prepared, listener, batches);
                if (o.state() != TrialState.COMPLETE && o.reason() != null && o.reason().startsWith("store ")) {
                    // the store failed under the trial (a disk that filled up): a storage fault, said in one line
                    spec.commandLine().getErr().println("error: " + StoreErrors.explain(new StoreException(o.reason(), null)));
                    return Main.EXIT_BAD_INPUT;
                }
                if (o.state() != TrialState.COMPLETE) {
                    spec.commandLine().getErr().println("training failed: " + o.reason()
                            + "\n(recorded as trial " + campaign + "/1: see `lstm-tuner show " + Fmt.shell(campaign + "/1") + "`)");
                    return 1;
                }
                store.endCampaign(campaign, "single training run complete");
                outcome = o.run();
                if (!json) out.println("recorded as trial " + campaign + "/1 in " + storeOptions.describe()
                        + " (see `lstm-tuner show " + Fmt.shell(campaign + "/1") + "`)");
            }
        }
        if (json) {
            out.println(ConfigLoader.mapper().valueToTree(outcome.metrics()).toPrettyString());
        } else {
            out.println(outcome.result().stopReason() + "; best epoch " + outcome.result().bestEpoch() + " (its weights are kept)");
            printMetrics(out, outcome.metrics(), prepared.dataset());
        }
        out.flush();
        return 0;
    }

    private String campaignName() {
        if (name != null) return name;
        String stem = config == null ? "defaults" : config.getFileName().toString().replaceFirst("\\.json$", "")
                .replaceAll("[^A-Za-z0-9._-]", "-");
        if (stem.length() > 50) stem = stem.substring(0, 50);
        return "train-" + stem + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
                .withZone(ZoneOffset.UTC).format(Instant.now());
    }

    private RunConfig resolveConfig() {
        RunConfig c = config == null ? RunConfig.DEFAULTS : ConfigLoader.load(config);
        ObjectNode changes = ConfigLoader.mapper().createObjectNode();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new BadInputException("--set " + s + ": expected KEY=VALUE, e.g. --set learning_rate=0.003");
            String key = s.substring(0, eq), value = s.substring(eq + 1);
            try {
                changes.set(key, ConfigLoader.mapper().readTree(value));
            } catch (Exception notJson) {
                changes.put(key, value); // a bare word is a string
            }
        }
        if (data != null) changes.put("data", data);
        return changes.isEmpty() ? c : ConfigLoader.overlay(c, changes, "--set/--data options");
    }

    private static void printData(PrintWriter out, RunConfig c, TrialRunner.Prepared p) {
        List<String> lines = p.data().report().lines();
        for (int i = 0; i < lines.size(); i++) out.println((i == 0 ? "" : "          ") + lines.get(i));
        out.println("          fingerprint " + p.fingerprint());
        Dataset ds = p.dataset();
        out.printf(Locale.ROOT, "features: %d (%s); warm-up rows dropped: %d%n", ds.features(),
                String.join(", ", ds.featureNames()), ds.warmupRowsDropped());
        out.printf(Locale.ROOT, "windows:  train %s / val %s / test %s  (time_steps %d, horizon %d, target %s; %d skipped at gaps)%n",
                Fmt.count(ds.train().n()), Fmt.count(ds.val().n()), Fmt.count(ds.test().n()),
                ds.timeSteps(), ds.horizon(), ds.target(), ds.windowsSkippedAtGaps());
        out.println("model:    " + describeModel(c));
        out.flush();
    }

    /** The family and what shapes it, as the config says (e.g. "GRU [32, 16] bidirectional, dropout 0.10, ..."). */
    static String describeModel(RunConfig c) {
        return switch (c.model()) {
            case "linear" -> String.format(Locale.ROOT, "linear (ridge regression on the flattened window, l2 %s)",
                    Fmt.metric(c.l2()));
            case "forest" -> String.format(Locale.ROOT, "forest (%d trees, max depth %d, seed %d)", c.trees(),
                    c.maxDepth(), c.seed());
            default -> String.format(Locale.ROOT, "%s %s%s%s, dropout %.2f, dense %d; lr %s, batch %d, max %d epochs,"
                            + " patience %d, seed %d%s", c.model().toUpperCase(Locale.ROOT), c.units(),
                    c.bidirectional() ? " bidirectional" : "",
                    c.model().equals("transformer") ? " (" + c.heads() + " heads of " + c.headSize() + ")" : "",
                    c.dropout(), c.denseUnits(), Fmt.metric(c.learningRate()), c.batchSize(), c.maxEpochs(),
                    c.patience(), c.seed(), c.model().equals("lstm") ? ", " + c.layerImpl() + " layer" : "");
        };
    }

    static void printMetrics(PrintWriter out, FinalMetrics f, Dataset ds) {
        Dataset.Split test = ds.test();
        if (f.folds().isEmpty()) {
            out.printf("%nTest split: %s windows, %s .. %s (prices rebuilt from the forecasts)%n", Fmt.count(test.n()),
                    Fmt.utc(test.anchorTimeMs()[0]), Fmt.utc(test.anchorTimeMs()[test.n() - 1]));
        } else {
            out.printf("%nWalk-forward folds (each scored on its own validation block):%n");
            ShowCommand.folds(f.folds()).render().lines().forEach(l -> out.println("  " + l));
            out.printf("%nTest split: %s windows, %s .. %s, scored by the refit on the development region (%d epochs,"
                            + " the median best epoch of the %d folds; prices rebuilt from the forecasts)%n",
                    Fmt.count(test.n()), Fmt.utc(test.anchorTimeMs()[0]), Fmt.utc(test.anchorTimeMs()[test.n() - 1]),
                    f.bestEpoch(), f.folds().size());
        }
        ForecastMetrics m = f.model(), p = f.persistence();
        List<String[]> rows = List.of(
                new String[]{"MAE", Fmt.metric(m.mae()), Fmt.metric(p.mae())},
                new String[]{"RMSE", Fmt.metric(m.rmse()), Fmt.metric(p.rmse())},
                new String[]{"MAPE %", Fmt.metric(m.mape()), Fmt.metric(p.mape())},
                new String[]{"R²", Fmt.metric(m.r2()), Fmt.metric(p.r2())},
                new String[]{"direction accuracy", Fmt.pct(m.directionAccuracy()), Fmt.pct(p.directionAccuracy())});
        out.printf("  %-20s %14s %14s%n", "metric", "model", "persistence");
        for (String[] r : rows) out.printf("  %-20s %14s %14s%n", r[0], r[1], r[2]);
        // only the Diebold–Mariano test on the test windows may call the model better (p < 0.05)
        out.printf(Locale.ROOT, "  skill vs persistence: %+.4f: the model %s (\"next price = last price\")%n", f.skill(),
                Verdict.persistence(f).predicate());
        if (f.ridgeRmse() != null) {
            out.printf(Locale.ROOT, "  ridge baseline RMSE %s on the same windows: the model %s%n",
                    Fmt.metric(f.ridgeRmse()), Verdict.ridge(f).predicate());
        }
        out.printf(Locale.ROOT, "  params %s, epochs %d, best epoch %d, best val RMSE %s, training %.1f s%n",
                Fmt.count(f.params()), f.epochs(), f.bestEpoch(), Fmt.metric(f.bestValRmse()), f.trainingSeconds());
    }
}
