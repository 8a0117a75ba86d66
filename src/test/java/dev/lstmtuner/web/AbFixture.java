package dev.lstmtuner.web;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.search.plan.PlanRuns;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.store.TrialQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * An A/B plan campaign as if its runs had trained: the tutorial's three arms (baseline, "bigger model", "bigger +
 * dropout") × {@code seeds}, each run with a validation objective and a predictions file of 200 test windows on the
 * same prices. {@code scale[i]} plants arm i's quality: its errors' sd and its objective are multiplied by it, so
 * equal scales plant no difference and a smaller one plants a better arm. Each seed shifts every arm's objective
 * alike (the seed effect a paired test cancels).
 */
public final class AbFixture {
    public static final String EXPERIMENT = """
            {"name": "%s", "config": {"symbol": "BTC", "time_steps": 30}, "objective": "val_loss",
             "plan": {"baseline": {}, "variants": {"bigger model": {"units": [256, 128, 64]},
                      "bigger + dropout": {"units": [256, 128, 64], "dropout": 0.3}}, "seeds": %d}}
            """;
    static final int WINDOWS = 200;

    private AbFixture() {
    }

    public static void campaign(Store store, Path dir, String name, int seeds, double[] scale, long noiseSeed) {
        Experiment e = ExperimentLoader.parse(EXPERIMENT.formatted(name, seeds), name, null);
        RunConfig base = e.base();
        store.createCampaign(new CampaignSpec(name, ConfigLoader.toJson(base), e.spaceJson(), e.sampler(), e.pruner(),
                e.budget().maxTrials(), Objective.parse("val_loss", "test"), Direction.MINIMIZE,
                ExperimentLoader.resolvedJson(e), null));
        PlanRuns.enqueue(store, name, e.plan(), base);
        Random noise = new Random(noiseSeed);
        int arms = e.plan().arms().size();
        for (Trial t : store.trials(TrialQuery.of(name).sortBy("number").descending(false)
                .page(1000, 0)).items()) {
            int arm = (t.number() - 1) % arms;
            int seed = (t.number() - 1) / arms;
            double seedEffect = 0.02 * Math.sin(seed * 1.7);
            double objective = 0.5 * scale[arm] + seedEffect + 0.002 * noise.nextGaussian();
            double rmse = 80 * scale[arm];
            TrialHandle h = store.claim(t.id(), "worker-1", "cpu").orElseThrow();
            for (int ep = 1; ep <= 5; ep++) h.reportEpoch(new EpochMetrics(ep, 1.0 / ep, objective + 0.1 / ep, rmse, 100));
            Path csv = predictions(dir, name, t.number(), rmse, noise);
            h.addArtifact(Artifact.of("predictions", csv));
            h.complete(new FinalMetrics(new ForecastMetrics(rmse * 0.7, rmse, 0.2, 0.98, 0.52),
                    new ForecastMetrics(70, 100, 0.25, 0.97, 0.5), 1 - rmse / 100, rmse, 10_000, 5, 4, 3.0, WINDOWS,
                    null, null, List.of()), objective);
        }
    }

    private static Path predictions(Path dir, String campaign, int number, double rmse, Random rnd) {
        StringBuilder b = new StringBuilder("time,last_close,predicted,actual\n");
        double price = 30_000;
        Random market = new Random(campaign.hashCode()); // every run sees the same test prices
        for (int t = 0; t < WINDOWS; t++) {
            double next = price + market.nextGaussian() * 100;
            b.append(1_700_000_000_000L + t * 3_600_000L).append(',').append(price).append(',')
                    .append(next + rnd.nextGaussian() * rmse).append(',').append(next).append('\n');
            price = next;
        }
        try {
            Path f = dir.resolve("ab-" + Math.abs(campaign.hashCode()) + "-" + number + ".csv");
            Files.writeString(f, b);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
