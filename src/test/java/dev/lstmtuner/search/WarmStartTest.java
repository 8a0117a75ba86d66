package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.search.sampler.RandomSampler;
import dev.lstmtuner.search.sampler.Sampler;
import dev.lstmtuner.search.sampler.TpeSampler;
import dev.lstmtuner.search.space.SearchSpace;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.store.TrialQuery;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A campaign warm-started from an earlier one: its best configs first, its trials inform the sampler, never count. */
class WarmStartTest {
    private static final double[] SOURCE_LR = {0.0005, 0.002, 0.004, 0.006, 0.03, 0.05};
    private final Store store = new InMemoryStore();

    private static Experiment experiment(String name, String config, String params, String more) {
        return ExperimentLoader.parse("{\"name\": \"" + name + "\", \"config\": {\"max_rows\": 1200" + config
                + "}, \"space\": {\"params\": {" + params + "}}, \"sampler\": \"random\", \"pruner\": \"none\", "
                + "\"budget\": {\"max_trials\": 5}" + more + "}", name, null);
    }

    private void create(Experiment e) {
        store.createCampaign(new CampaignSpec(e.name(), ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                e.pruner(), e.budget().maxTrials(), e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), null));
    }

    private static Experiment next(String config, String more) {
        return experiment("next", config, "\"learning_rate\": {\"type\": \"float\", \"low\": 0.001, \"high\": 0.01, "
                + "\"log\": true}, \"dropout\": {\"type\": \"float\", \"low\": 0.0, \"high\": 0.5}",
                ", \"warm_start\": {\"campaign\": \"quick\", \"top_k\": 3}" + more);
    }

    private static FinalMetrics metrics() {
        return new FinalMetrics(new ForecastMetrics(1, 1, 1, 0.1, 0.5), new ForecastMetrics(1, 1.1, 1, 0.1, 0.5), 0.1,
                1, 100, 3, 2, 1.0, 100);
    }

    /** quick: six COMPLETE trials (the lowest learning rate best), one PRUNED after two epochs, one FAILED. */
    @BeforeEach
    void source() {
        create(experiment("quick", "", "\"learning_rate\": {\"type\": \"float\", \"low\": 0.0001, \"high\": 0.1, "
                + "\"log\": true}, \"batch_size\": {\"type\": \"categorical\", \"values\": [16, 32, 64]}", ""));
        for (int i = 0; i < SOURCE_LR.length; i++) {
            store.start("quick", Map.of("learning_rate", SOURCE_LR[i], "batch_size", 32), "w", "cpu")
                    .complete(metrics(), 1.0 + i);
        }
        TrialHandle pruned = store.start("quick", Map.of("learning_rate", 0.008, "batch_size", 16), "w", "cpu");
        pruned.reportEpoch(new EpochMetrics(1, 1, 1, 9.0, 1));
        pruned.reportEpoch(new EpochMetrics(2, 1, 1, 8.0, 1));
        pruned.prune(2, "worse than the median");
        store.start("quick", Map.of("learning_rate", 0.007, "batch_size", 64), "w", "cpu").fail("boom", null);
    }

    @Test
    void theBestConfigsOfTheSourceRunFirstProjectedOntoThisSpace() {
        Experiment e = next("", "");
        assertThat(WarmStarts.check(store, e).name()).isEqualTo("quick");
        create(e);
        List<Trial> first = WarmStarts.enqueueBest(store, "next", e);
        assertThat(first).extracting(Trial::number).containsExactly(1, 2, 3);
        // the best source config's learning rate is outside this space's range: drawn afresh, in range
        double drawn = ((Number) first.get(0).params().get("learning_rate")).doubleValue();
        assertThat(drawn).isBetween(0.001, 0.01).isNotEqualTo(SOURCE_LR[0]);
        assertThat(first.get(1).params().get("learning_rate")).isEqualTo(SOURCE_LR[1]);
        assertThat(first.get(2).params().get("learning_rate")).isEqualTo(SOURCE_LR[2]);
        assertThat(first).allSatisfy(t -> {
            assertThat(t.params()).containsOnlyKeys("learning_rate", "dropout");
            assertThat(((Number) t.params().get("dropout")).doubleValue()).isBetween(0.0, 0.5);
        });
        assertThat(store.notes("next")).extracting(n -> n.text())
                .containsExactly("warm start: the config of quick/1 (objective 1.0 there)",
                        "warm start: the config of quick/2 (objective 2.0 there)",
                        "warm start: the config of quick/3 (objective 3.0 there)");
    }

    @Test
    void theSourcesFinishedTrialsReachTheSamplerAsWarmAndNeverBecomeThisCampaignsTrials() {
        Experiment e = next("", "");
        create(e);
        WarmStarts.enqueueBest(store, "next", e);
        List<List<PastTrial>> seen = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        Sampler recorder = new Sampler() {
            @Override
            public Optional<Map<String, Object>> sample(SearchSpace space, List<PastTrial> past, long seed, int n) {
                seen.add(List.copyOf(past));
                numbers.add(n);
                return new RandomSampler().sample(space, past, seed, n);
            }

            @Override
            public String name() {
                return "recorder";
            }
        };
        CampaignPlan stored = CampaignPlan.of(store.campaign("next").orElseThrow());
        assertThat(stored.experiment().warmStart()).isEqualTo(new Experiment.WarmStart("quick", 3));
        CampaignPlan plan = new CampaignPlan(stored.campaign(), stored.experiment(), stored.base(), recorder, stored.pruner());
        Coordinator.Status status = new Coordinator(store, plan, 8, Duration.ofMinutes(1), 0).step();

        List<PastTrial> past = seen.get(0);
        List<PastTrial> warm = past.stream().filter(PastTrial::warm).toList();
        // of six COMPLETE and one PRUNED, those whose only shared param (the learning rate) lies outside this
        // space's range tell it nothing; the FAILED one is left out; batch_size is not a param here
        assertThat(warm).extracting(PastTrial::number).containsExactly(2, 3, 4, 7);
        assertThat(warm).allSatisfy(w -> assertThat(w.params()).containsOnlyKeys("learning_rate"));
        assertThat(warm.stream().filter(w -> w.epochsReported() > 0).findFirst().orElseThrow().intermediate())
                .containsExactly(9.0, 8.0);
        assertThat(past.stream().filter(p -> !p.warm()).map(PastTrial::number)).containsExactly(1, 2, 3);
        assertThat(numbers).as("trial numbers count this campaign's trials only").containsExactly(4, 5);

        assertThat(status.draws()).isEqualTo(5);
        assertThat(store.trials(TrialQuery.of("next").page(100, 0)).total()).isEqualTo(5);
        assertThat(store.campaigns().stream().filter(c -> c.campaign().name().equals("next")).findFirst()
                .orElseThrow().counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5);
        assertThat(store.best("next")).as("no source trial competes on this campaign's leaderboard").isEmpty();
    }

    @Test
    void warmTrialsInformTpeFromTheFirstProposal() {
        Experiment e = next("", "");
        List<PastTrial> warm = WarmTrials.of(store, e);
        TpeSampler tpe = new TpeSampler(3, 0.25, 24, e.direction());
        Map<String, Object> startup = new RandomSampler().sample(e.space(), List.of(), 42, 1).orElseThrow();
        assertThat(tpe.sample(e.space(), List.of(), 42, 1)).as("without a past: the random startup draw").contains(startup);
        assertThat(tpe.sample(e.space(), warm, 42, 1).orElseThrow()).as("with the warm trials: a model's proposal")
                .isNotEqualTo(startup);
    }

    @Test
    void aSourceOnAnotherQuestionIsRefusedNamingWhatDiffers() {
        assertThatThrownBy(() -> WarmStarts.check(store, next(", \"target\": \"close\"", "")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("warm_start from campaign \"quick\" refused: target log_return there, close here");
        assertThatThrownBy(() -> WarmStarts.check(store, next(", \"horizon\": 3", "")))
                .hasMessageContaining("horizon 1 there, 3 here");
        assertThatThrownBy(() -> WarmStarts.check(store, next("", ", \"objective\": \"val_loss\"")))
                .hasMessageContaining("objective val_rmse (minimize) there, val_loss (minimize) here");
        assertThatThrownBy(() -> WarmStarts.check(store, next(", \"target\": \"close\", \"horizon\": 4", "")))
                .hasMessageContaining("target log_return there, close here; horizon 1 there, 4 here");
        assertThatThrownBy(() -> WarmStarts.check(store, WarmStarts.withCampaign(next("", ""), "none")))
                .hasMessageContaining("there is no such campaign");
        assertThatThrownBy(() -> WarmStarts.check(store, experiment("next", "", "\"dropout\": {\"type\": \"float\", "
                + "\"low\": 0.0, \"high\": 0.5}", ", \"warm_start\": {\"campaign\": \"quick\"}")))
                .hasMessageContaining("share no parameter");
    }

    @Test
    void theWarmStartKeyIsCheckedAndKeptWithTheCampaign() {
        assertThatThrownBy(() -> experiment("x", "", "\"dropout\": {\"type\": \"float\", \"low\": 0.0, \"high\": 0.5}",
                ", \"warm_start\": {\"top_k\": 2}"))
                .hasMessageContaining("\"warm_start.campaign\" must name an earlier campaign");
        assertThatThrownBy(() -> experiment("x", "", "\"dropout\": {\"type\": \"float\", \"low\": 0.0, \"high\": 0.5}",
                ", \"warm_start\": {\"campaign\": \"quick\", \"top_k\": 101}"))
                .hasMessageContaining("\"warm_start.top_k\" must be between 0 and 100");
        Experiment e = next("", "");
        Experiment back = ExperimentLoader.parse(ExperimentLoader.resolvedJson(e), "stored", null);
        assertThat(back.warmStart()).isEqualTo(new Experiment.WarmStart("quick", 3));
        assertThat(WarmStarts.withCampaign(e, "other").warmStart()).isEqualTo(new Experiment.WarmStart("other", 3));
    }
}
