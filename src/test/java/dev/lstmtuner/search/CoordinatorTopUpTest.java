package dev.lstmtuner.search;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue keeps pace with its workers: when they take more between two steps than the queue holds (short trials,
 * a step slowed by a busy machine), the next step leaves twice what they took, up to eight queues; workers that take
 * little leave it at its depth.
 */
class CoordinatorTopUpTest {
    private static final String EXPERIMENT = """
            {"name": "q", "config": {"max_epochs": 1},
             "space": {"params": {"learning_rate": {"type": "float", "low": 0.0001, "high": 0.1, "log": true}}},
             "sampler": "random", "budget": {"max_trials": 100000}, "seed": 1}
            """;
    private static final FinalMetrics METRICS = new FinalMetrics(new ForecastMetrics(1, 1, 1, 0, 0.5),
            new ForecastMetrics(1, 1, 1, 0, 0.5), 0, 1, 10, 1, 1, 0.1, 10);

    @Test
    void aQueueDrainedBetweenStepsGrowsToTwiceWhatWasTakenUpToEightQueues() {
        Store store = new InMemoryStore();
        Experiment e = ExperimentLoader.parse(EXPERIMENT, "test", null);
        store.createCampaign(new CampaignSpec("q", ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                e.pruner(), e.budget().maxTrials(), e.objective(), e.direction(), ExperimentLoader.resolvedJson(e),
                null));
        Coordinator c = new Coordinator(store, CampaignPlan.of(store.campaign("q").orElseThrow()), 4,
                Duration.ofMinutes(10), 0);
        assertThat(waiting(c.step())).as("the configured depth at first").isEqualTo(4);
        assertThat(waiting(c.step())).as("nothing taken: no growth").isEqualTo(4);

        completeAll(store);
        assertThat(waiting(c.step())).as("4 taken: twice that").isEqualTo(8);
        completeAll(store);
        assertThat(waiting(c.step())).as("8 taken").isEqualTo(16);
        for (int i = 0; i < 3; i++) {
            completeAll(store);
            c.step();
        }
        assertThat(waiting(c.step())).as("at most eight queues").isEqualTo(32);

        store.claimNext("q", "w", "cpu").orElseThrow().complete(METRICS, 1.0);
        assertThat(waiting(c.step())).as("one taken: the 31 left are more than twice that, none sampled").isEqualTo(31);
    }

    private static long waiting(Coordinator.Status s) {
        return s.counts().get(TrialState.WAITING);
    }

    private static void completeAll(Store store) {
        while (true) {
            var h = store.claimNext("q", "w", "cpu");
            if (h.isEmpty()) return;
            h.get().complete(METRICS, 1.0);
        }
    }
}
