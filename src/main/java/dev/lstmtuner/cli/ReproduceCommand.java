package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.CampaignNames;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.TrialExecutor;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.store.TrialReport;
import dev.lstmtuner.train.NativeRuntime;
import dev.lstmtuner.train.TrialRunner;

import java.util.Arrays;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Retrain a trial from its recorded provenance and compare the metrics with the recorded ones.",
                "Config, seed, threads, features and split come from the record; the reproduction is recorded too,",
                "linked to its original.",
                "With --seeds N, train the same config with N seeds and report mean ± sd: is a lead larger than seed noise?"})
public final class ReproduceCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "<trial>", description = "<campaign>/<number> or a trial id.")
    String ref;

    @Option(names = "--data", paramLabel = "CSV", description = "Data file, when it moved since the trial (its fingerprint must match).")
    String data;

    @Option(names = "--force", description = "Train even when the data fingerprint differs; the difference is recorded.")
    boolean force;

    @Option(names = "--seeds", defaultValue = "1", description = "Train with this many seeds (the recorded one, then +1, +2, ...) and report mean ± sd.")
    int seeds;

    @Option(names = "--artifacts", defaultValue = "results/artifacts", description = "Folder for models and predictions (default: ${DEFAULT-VALUE}).")
    Path artifacts;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (seeds < 1 || seeds > 100) throw new BadInputException("--seeds must be between 1 and 100, got " + seeds);
        try (Store store = storeOptions.open()) {
            Trial original = TrialRef.resolve(store, ref);
            if (seeds > 1) refuseIncomparableObjective(store, original);
            TrialReport report = store.report(original.id()).orElseThrow();
            RunConfig config = BestCommand.configOf(store, original);
            if (data != null) config = ConfigLoader.withOverrides(config, Map.of("data", data), "--data");
            TrialRunner.Prepared prepared = TrialRunner.prepare(config);
            String difference = fingerprintDifference(report.provenance().data(), prepared.fingerprint());
            if (difference != null && !force) {
                throw new BadInputException("refusing to reproduce " + original.label() + ": the data differs from the recorded data ("
                        + difference + "); point --data at the original file, or pass --force to train anyway and record the difference");
            }
            if (difference != null) out.println("warning: data differs (" + difference + "); recorded with the reproduction");
            if (report.provenance().threads() != NativeRuntime.threads() && config.threads() != report.provenance().threads()) {
                out.println("note: recorded with " + report.provenance().threads() + " threads; bit-identical results need the same thread count");
            }
            return seeds == 1 ? once(store, original, config, prepared, difference, out)
                    : manySeeds(store, original, config, prepared, difference, out);
        }
    }

    /** --seeds reports the seed sd of val RMSE and sets it against the campaign's lead: both must be val RMSE. */
    private static void refuseIncomparableObjective(Store store, Trial original) {
        Objective objective = store.campaign(original.campaign()).map(Campaign::objective).orElse(Objective.DEFAULT);
        if (objective != Objective.VAL_RMSE) {
            throw new BadInputException("refusing --seeds for " + original.label() + ": campaign " + original.campaign()
                    + " ranks trials by " + objective + ", but --seeds measures seed noise in val RMSE, so its lead"
                    + " and the noise would be in different units; reproduce it once (without --seeds), or confirm the"
                    + " winner in the campaign itself with \"confirm\": {\"top_k\": 5, \"seeds\": 3} in the experiment");
        }
    }

    private int once(Store store, Trial original, RunConfig config, TrialRunner.Prepared prepared, String difference, PrintWriter out) {
        String campaign = linkedCampaign(store, "reproduce", original, config, difference, 1);
        TrialExecutor.Outcome o = run(store, campaign, original.params(), config, prepared, out);
        if (o.state() != TrialState.COMPLETE) {
            out.println("reproduction failed: " + o.reason());
            return 1;
        }
        out.println();
        out.println("reproduction of " + original.label() + " recorded as " + campaign + "/1");
        FinalMetrics was = original.metrics(), now = o.metrics();
        if (was == null) {
            out.println("the original trial has no final metrics (state " + original.state() + "): nothing to compare");
            return 0;
        }
        Map<String, double[]> rows = pairs(was, now);
        TextTable t = new TextTable("METRIC", "RECORDED", "NOW", "DIFFERENCE");
        int differing = 0;
        double worst = 0;
        String worstName = null;
        for (Map.Entry<String, double[]> e : rows.entrySet()) {
            double a = e.getValue()[0], b = e.getValue()[1];
            boolean same = Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
            double rel = same ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), 1e-300);
            if (!same) {
                differing++;
                if (!(rel <= worst)) {
                    worst = rel;
                    worstName = e.getKey();
                }
            }
            t.row(e.getKey(), Fmt.num(a), Fmt.num(b), same ? "identical" : String.format(Locale.ROOT, "%+.3e (%.2e relative)", b - a, rel));
        }
        out.print(t.render());
        if (differing == 0) {
            out.println("verdict: identical (bit-for-bit: every metric equals the recorded value)");
        } else {
            out.printf(Locale.ROOT, "verdict: differs in %d of %d metrics; largest relative difference %.2e (%s)%s%n", differing,
                    rows.size(), worst, worstName, difference != null ? " — expected: the data differs"
                            : "; same data: check the thread count, the CPU type and the lstm-tuner version in the provenance");
        }
        out.flush();
        return 0;
    }

    private int manySeeds(Store store, Trial original, RunConfig config, TrialRunner.Prepared prepared, String difference, PrintWriter out) {
        String campaign = linkedCampaign(store, "seeds", original, config, difference, seeds);
        List<FinalMetrics> results = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            long seed = config.seed() + i;
            RunConfig c = ConfigLoader.withOverrides(config, Map.of("seed", seed), "--seeds");
            out.printf("seed %d (%d of %d)%n", seed, i + 1, seeds);
            TrialExecutor.Outcome o = run(store, campaign, Map.of("seed", seed), c, prepared, out);
            if (o.state() == TrialState.COMPLETE) results.add(o.metrics());
            else out.println("  seed " + seed + " failed: " + o.reason());
        }
        if (results.isEmpty()) {
            out.println("every seed failed");
            return 1;
        }
        TextTable t = new TextTable("METRIC", "MEAN", "SD", "MIN", "MAX", "RECORDED");
        Map<String, double[]> recorded = original.metrics() == null ? Map.of() : pairs(original.metrics(), original.metrics());
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (FinalMetrics f : results) pairs(f, f).forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v[0]));
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double sd = v.length < 2 ? Double.NaN : Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
            t.row(e.getKey(), Fmt.num(mean), Fmt.num(sd), Fmt.num(Arrays.stream(v).min().orElse(Double.NaN)),
                    Fmt.num(Arrays.stream(v).max().orElse(Double.NaN)),
                    recorded.containsKey(e.getKey()) ? Fmt.num(recorded.get(e.getKey())[0]) : "");
        }
        out.println();
        out.printf("%d seeds of %s (recorded as campaign %s):%n", results.size(), original.label(), campaign);
        out.print(t.render());
        List<Double> val = values.get("best val RMSE");
        double mean = val.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double sd = Math.sqrt(val.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, val.size() - 1));
        List<Trial> top = store.trials(TrialQuery.of(original.campaign()).state(TrialState.COMPLETE).page(2, 0)).items();
        if (top.size() == 2 && top.get(0).objective() != null && top.get(1).objective() != null) {
            double gap = Math.abs(top.get(1).objective() - top.get(0).objective());
            out.printf(Locale.ROOT, "the leader of %s is ahead of #2 by %s in the objective; the seed sd of val RMSE is %s: %s%n",
                    original.campaign(), Fmt.num(gap), Fmt.num(sd), gap > 2 * sd ? "the lead is larger than seed noise"
                            : "the lead is within seed noise (less than 2 sd): treat the top trials as tied");
        }
        store.endCampaign(campaign, results.size() + " of " + seeds + " seeds complete");
        out.flush();
        return 0;
    }

    private TrialExecutor.Outcome run(Store store, String campaign, Map<String, Object> params, RunConfig c,
                                      TrialRunner.Prepared prepared, PrintWriter out) {
        TrialHandle h = store.start(campaign, params, WorkerCommand.hostName() + "-" + ProcessHandle.current().pid(), NativeRuntime.device());
        EpochProgress progress = new EpochProgress(out, c.maxEpochs(), System.console() != null);
        Function<RunConfig, TrialRunner.Prepared> same = x -> prepared;
        TrialExecutor.Outcome o = new TrialExecutor(store, 5000).execute(h, new TrialExecutor.Plan(c, null,
                Objective.DEFAULT, Objective.DEFAULT.direction(), CampaignNames.artifactDir(artifacts, campaign, h.number()), true),
                same, progress, progress);
        if (seeds == 1) store.endCampaign(campaign, "reproduction " + o.state().name().toLowerCase());
        return o;
    }

    private String linkedCampaign(Store store, String kind, Trial original, RunConfig config, String difference, int budget) {
        String suffix = "-" + original.number() + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        // shorten the original's name so that the linked campaign's stays a valid name (at most 80 characters)
        String from = original.campaign().replaceAll("[^A-Za-z0-9._-]", "-");
        from = from.substring(0, Math.min(from.length(), 80 - kind.length() - 1 - suffix.length()));
        String campaign = CampaignNames.require(kind + "-" + from + suffix, "reproduction campaign");
        ObjectNode settings = ConfigLoader.mapper().createObjectNode();
        settings.put(kind.equals("reproduce") ? "reproduces" : "seeds_of", original.label());
        settings.put("original_trial_id", original.id());
        settings.put("forced", difference != null);
        if (difference != null) settings.put("data_difference", difference);
        store.createCampaign(new CampaignSpec(campaign, ConfigLoader.toJson(config), null, "none", "none", budget,
                Objective.DEFAULT, Objective.DEFAULT.direction(), settings.toString(), null));
        return campaign;
    }

    static String fingerprintDifference(DataFingerprint.Fingerprint recorded, DataFingerprint.Fingerprint now) {
        if (recorded == null) return null;
        if (recorded.sha256().equals(now.sha256())) return null;
        return "recorded " + recorded + ", now " + now;
    }

    private static Map<String, double[]> pairs(FinalMetrics a, FinalMetrics b) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("best val RMSE", new double[]{a.bestValRmse(), b.bestValRmse()});
        m.put("test MAE", new double[]{a.model().mae(), b.model().mae()});
        m.put("test RMSE", new double[]{a.model().rmse(), b.model().rmse()});
        m.put("test MAPE %", new double[]{a.model().mape(), b.model().mape()});
        m.put("test R²", new double[]{a.model().r2(), b.model().r2()});
        m.put("direction accuracy", new double[]{a.model().directionAccuracy(), b.model().directionAccuracy()});
        m.put("skill vs persistence", new double[]{a.skill(), b.skill()});
        m.put("persistence RMSE", new double[]{a.persistence().rmse(), b.persistence().rmse()});
        m.put("epochs", new double[]{a.epochs(), b.epochs()});
        m.put("best epoch", new double[]{a.bestEpoch(), b.bestEpoch()});
        return m;
    }
}
