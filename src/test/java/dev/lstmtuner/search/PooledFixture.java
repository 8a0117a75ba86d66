package dev.lstmtuner.search;

import dev.lstmtuner.config.CampaignNames;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.train.TrialRunner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A pooled experiment on two synthetic hourly symbols (AAA near 40,000, BBB near 2,000) with the linear family:
 * fast, no network trained. {@link #seed} records what `search` would: one own trial per symbol, then the pooled one.
 */
public final class PooledFixture {
    public static final String GROUP = "pool";

    private PooledFixture() {
    }

    /** The experiment's JSON, its data files written under {@code dir}; {@code extra} is appended to its keys. */
    public static String experiment(Path dir, String extra) throws IOException {
        Path a = csv(dir, "aaa_1h.csv", 1, 40_000), b = csv(dir, "bbb_1h.csv", 2, 2_000);
        return "{\"name\": \"" + GROUP + "\", \"config\": {\"model\": \"linear\", \"features\": [\"log_return_1\","
                + " \"hl_range\"], \"time_steps\": 4, \"max_epochs\": 1}, \"space\": {\"params\": {\"l2\": {\"type\":"
                + " \"float\", \"low\": 0.001, \"high\": 1.0}}}, \"budget\": {\"max_trials\": 1}, \"symbols\": {\"AAA\": \""
                + a.toString().replace("\\", "/") + "\", \"BBB\": \"" + b.toString().replace("\\", "/") + "\"}" + extra + "}";
    }

    /** Records the group's own trials and trains its pooled model into {@code store}; the pooled experiment. */
    public static Experiment seed(Store store, Path dir) throws IOException {
        Experiment e = ExperimentLoader.parse(experiment(dir, ", \"pooled\": true, \"symbol_feature\": true"), "e.json", dir);
        ExperimentValidator.validate(e, "e.json");
        Path artifacts = dir.resolve("artifacts");
        for (Experiment.Symbol s : e.symbols()) ownTrial(store, e, s, artifacts);
        PooledCampaign.create(store, e, GROUP);
        StringWriter text = new StringWriter();
        if (!PooledCampaign.train(store, e, GROUP, artifacts, new PrintWriter(text))) {
            throw new IllegalStateException("the pooled model failed: " + text);
        }
        return e;
    }

    private static Path csv(Path dir, String name, long seed, double level) throws IOException {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
        double price = level;
        long t = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 700; i++) {
            double open = price;
            price *= Math.exp(0.004 * rnd.nextGaussian());
            sb.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%.4f,%.4f,%.2f%n", Instant.ofEpochSecond(t + 3600L * i),
                    open, Math.max(open, price) * 1.002, Math.min(open, price) * 0.998, price, 100 + 50 * rnd.nextDouble()));
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    /** One own trial per symbol, recorded as a search worker records it. */
    private static void ownTrial(Store store, Experiment e, Experiment.Symbol s, Path artifacts) {
        String campaign = GROUP + "-" + s.symbol().toLowerCase(Locale.ROOT);
        RunConfig c = ConfigLoader.withOverrides(e.base(), Map.of("data", s.data(), "symbol", s.symbol()), "test");
        store.createCampaign(new CampaignSpec(campaign, ConfigLoader.toJson(c), e.spaceJson(), "random", "none", 1,
                e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), GROUP));
        TrialHandle h = store.start(campaign, Map.of(), "test", "cpu");
        new TrialExecutor(store, 60_000).execute(h, new TrialExecutor.Plan(c, null, e.objective(), e.direction(),
                CampaignNames.artifactDir(artifacts, campaign, 1), false), TrialRunner::prepare, null, (x, b, n, t) -> { });
        store.endCampaign(campaign, "test");
    }
}
