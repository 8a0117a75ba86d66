package dev.lstmtuner.search;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignHistoryTest {
    private final Store store = new InMemoryStore();

    private CampaignHistory history() {
        store.createCampaign(CampaignSpec.single("c", "{}"));
        return new CampaignHistory(store, "c", Objective.VAL_RMSE);
    }

    @Test
    void laterRefreshesPickUpStateChangesAndNewEpochsOfKnownTrials() {
        CampaignHistory h = history();
        TrialHandle a = store.start("c", Map.of("lr", 0.1), "w", "cpu");
        a.reportEpoch(new EpochMetrics(1, 1, 1, 5.0, 1));
        h.refresh();
        assertThat(h.past()).singleElement().satisfies(p -> assertThat(p.intermediate()).containsExactly(5.0));
        a.reportEpoch(new EpochMetrics(2, 1, 1, 4.0, 1));
        a.fail("boom", null);
        store.enqueue("c", Map.of("lr", 0.2));
        h.refresh();
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.past().get(0).state()).isEqualTo(TrialState.FAILED);
        assertThat(h.past().get(0).intermediate()).containsExactly(5.0, 4.0);
        assertThat(h.count(TrialState.FAILED)).isEqualTo(1);
        assertThat(h.count(TrialState.WAITING)).isEqualTo(1);
        assertThat(h.count(TrialState.RUNNING)).isZero();
        assertThat(h.draws()).isEqualTo(2);
        assertThat(h.failuresInARow()).isEqualTo(1);
        assertThat(h.lastFailureReason()).isEqualTo("boom");
    }

    @Test
    void reQueuedCopiesAreNotDrawsAndTheirOriginalsAreNotFailuresInARow() {
        CampaignHistory h = history();
        TrialHandle a = store.start("c", Map.of("lr", 0.1), "w", "cpu");
        a.interrupt("stopped");
        h.refresh();
        assertThat(h.size()).isEqualTo(2);
        assertThat(h.draws()).isEqualTo(1);
        assertThat(h.failuresInARow()).isZero();
        assertThat(h.past().get(1).params()).isEqualTo(h.past().get(0).params());
    }
}
