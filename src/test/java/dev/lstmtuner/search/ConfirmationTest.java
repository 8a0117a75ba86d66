package dev.lstmtuner.search;

import dev.lstmtuner.analysis.ConfirmedRanking;
import dev.lstmtuner.analysis.SeedLead;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Winner confirmation driven by the real coordinator over an in-memory store, with a fake objective instead of
 * training: {@code batch_size} decides the level and the seed adds noise, as seeds do to a real LSTM.
 */
class ConfirmationTest {
    private static final String EXPERIMENT = """
            {"name": "%s", "config": {"units": [4], "max_epochs": 2},
             "space": {"params": {"batch_size": {"type": "categorical", "values": [32, 64, 128, 256]}}},
             "sampler": "grid", "budget": {"max_trials": 4%s}, "confirm": {"top_k": 2, "seeds": 3}, "seed": 1}
            """;

    private static CampaignPlan create(Store store, String name, String budgetExtra) {
        Experiment e = ExperimentLoader.parse(EXPERIMENT.formatted(name, budgetExtra), "test", null);
        store.createCampaign(new CampaignSpec(name, ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                e.pruner(), e.budget().maxTrials(), e.objective(), e.direction(), ExperimentLoader.resolvedJson(e), null));
        return CampaignPlan.of(store.campaign(name).orElseThrow());
    }

    /** Objective = level of the batch size + seed noise (sd 0.1); p-values against persistence from the caller. */
    private static ToDoubleFunction<Map<String, Object>> objective(Map<Integer, Double> levels) {
        return params -> {
            long seed = params.get("seed") instanceof Number n ? n.longValue() : 42;
            int batch = ((Number) params.get("batch_size")).intValue();
            return levels.get(batch) + 0.1 * new Random(seed * 31 + batch).nextGaussian();
        };
    }

    private static FinalMetrics metrics(double skill, double p) {
        ForecastMetrics f = new ForecastMetrics(1, 1, 1, 0, 0.5);
        return new FinalMetrics(f, f, skill, 1, 10, 2, 2, 0.1, 100, -1.0, p, List.of());
    }

    /** Runs the coordinator to the end, completing every trial it queues, as workers would. */
    private static Coordinator.Status run(Store store, CampaignPlan plan, ToDoubleFunction<Map<String, Object>> f,
                                          double minutesBefore) {
        Coordinator c = new Coordinator(store, plan, 2, Duration.ofMinutes(10), minutesBefore);
        for (int i = 0; i < 100; i++) {
            Coordinator.Status s = c.step();
            if (s.over()) return s;
            Optional<TrialHandle> h;
            while ((h = store.claimNext(plan.campaign().name(), "w", "cpu")).isPresent()) {
                Map<String, Object> params = h.get().snapshot().params();
                h.get().complete(metrics(0.01, 0.4), f.applyAsDouble(params));
            }
        }
        throw new AssertionError("the campaign did not end");
    }

    private static int batch(Trial t) {
        return ((Number) t.params().get("batch_size")).intValue();
    }

    private static List<Trial> confirmations(Store store, String campaign) {
        return PastTrials.all(store, campaign).stream().filter(t -> t.confirmOf() != null).toList();
    }

    @Test
    void theTopKAreRetrainedWithExtraSeedsAsLinkedTrialsOnceNotAgainOnResume() {
        Store store = new InMemoryStore();
        CampaignPlan plan = create(store, "c", "");
        Coordinator.Status end = run(store, plan, objective(Map.of(32, 10.0, 64, 11.0, 128, 12.0, 256, 13.0)), 0);
        assertThat(end.endReason()).isEqualTo("trial budget of 4 reached");

        List<Trial> all = PastTrials.all(store, "c");
        List<Trial> runs = confirmations(store, "c");
        assertThat(runs).hasSize(2 * 3).allMatch(t -> t.state() == TrialState.COMPLETE);
        Trial first = all.stream().filter(t -> batch(t) == 32 && t.confirmOf() == null).findFirst().orElseThrow();
        assertThat(runs.stream().filter(t -> t.confirmOf() == first.id())
                .map(t -> ((Number) t.params().get("seed")).longValue())).containsExactlyInAnyOrder(43L, 44L, 45L);
        assertThat(runs).allMatch(t -> batch(t) == 32 || batch(t) == 64);

        // a resumed campaign (a new coordinator on the same store) does not confirm the same trials again
        Coordinator.Status again = run(store, CampaignPlan.of(store.campaign("c").orElseThrow()),
                objective(Map.of(32, 10.0, 64, 11.0, 128, 12.0, 256, 13.0)), 0);
        assertThat(again.over()).isTrue();
        assertThat(confirmations(store, "c")).hasSize(6);
    }

    @Test
    void confirmationWaitsForTrialsStillRunningWhenTheWallTimeBudgetEnds() {
        Store store = new InMemoryStore();
        CampaignPlan plan = create(store, "w", ", \"max_minutes\": 1");
        Coordinator c = new Coordinator(store, plan, 2, Duration.ofMinutes(10), 0);
        c.step();
        TrialHandle running = store.claimNext("w", "w", "cpu").orElseThrow();
        // the wall clock is spent (a coordinator that already ran 5 minutes) while that trial runs
        Coordinator late = new Coordinator(store, plan, 2, Duration.ofMinutes(10), 5);
        Coordinator.Status s = late.step();
        assertThat(s.over()).isFalse();
        assertThat(confirmations(store, "w")).isEmpty();
        running.complete(metrics(0.01, 0.4), 10);
        Coordinator.Status end = run(store, plan, objective(Map.of(32, 10.0, 64, 11.0, 128, 12.0, 256, 13.0)), 5);
        assertThat(end.endReason()).startsWith("wall-time budget");
        assertThat(confirmations(store, "w")).hasSize(6);
    }

    private static ConfirmedRanking ranking(Store store, CampaignPlan plan) {
        String name = plan.campaign().name();
        return ConfirmedRanking.of(store.confirmationRuns(name), id -> store.trial(id).orElse(null), "val_rmse",
                plan.experiment().direction());
    }

    @Test
    void topTwoThatDifferOnlyBySeedAreReportedWithinSeedNoiseOnTheirFreshSeeds() {
        Store store = new InMemoryStore();
        CampaignPlan plan = create(store, "tie", "");
        run(store, plan, objective(Map.of(32, 10.0, 64, 10.0, 128, 12.0, 256, 13.0)), 0);
        ConfirmedRanking r = ranking(store, plan);
        assertThat(r.arms()).hasSize(2);
        // ranked on the 3 fresh seeds; the selected run (seed 1) is apart
        assertThat(r.winner().orElseThrow().n()).isEqualTo(3);
        assertThat(r.winner().orElseThrow().fresh()).allMatch(t -> t.confirmOf() != null);
        SeedLead lead = r.lead().orElseThrow();
        assertThat(lead.paired()).isTrue();
        assertThat(lead.n()).isEqualTo(3);
        assertThat(lead.pValue()).isGreaterThanOrEqualTo(SeedLead.ALPHA);
        assertThat(String.join("\n", r.sentences())).contains("within seed noise", "treat the top two as tied",
                        "paired t-test over n = 3 shared seeds", "over 3 fresh seeds", "reported apart")
                .contains("its selected run, uncorrected, is no better than persistence (p = 0.400)").doesNotContain("beats persistence");
    }

    @Test
    void aLeadFarBeyondSeedNoiseIsReportedAsSuch() {
        Store store = new InMemoryStore();
        CampaignPlan plan = create(store, "lead", "");
        run(store, plan, objective(Map.of(32, 10.0, 64, 11.0, 128, 12.0, 256, 13.0)), 0);
        ConfirmedRanking r = ranking(store, plan);
        assertThat(batch(r.winner().orElseThrow().original())).isEqualTo(32);
        assertThat(r.winner().orElseThrow().mean()).isCloseTo(10.0, within(0.2));
        assertThat(r.lead().orElseThrow().pValue()).isLessThan(SeedLead.ALPHA);
        assertThat(String.join("\n", r.sentences())).contains("larger than seed noise");
    }
}
