package dev.lstmtuner.store;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's steering writes, the same on every store: cancel a trial, pause a campaign, change its budget. */
abstract class StoreSteeringContractTest extends StoreTestBase {

    @Test
    void aCancelledRunningTrialIsFinishedAsCancelledAndItsWorkerCanWriteNothingMore() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of("lr", 0.1), "w", "cpu");
        h.reportEpoch(new EpochMetrics(1, 1, 1, 5.0, 1));
        assertThat(store.cancelTrial(h.trialId(), "cancelled by a test")).isTrue();
        Trial t = store.trial(h.trialId()).orElseThrow();
        assertThat(t.state()).isEqualTo(TrialState.CANCELLED);
        assertThat(t.state().isFinished()).isTrue();
        assertThat(t.failureReason()).isEqualTo("cancelled by a test");
        assertThat(t.finishedAt()).isNotNull();
        assertThatThrownBy(() -> h.reportEpoch(new EpochMetrics(2, 1, 1, 4.0, 1))).isInstanceOf(TrialLostException.class)
                .hasMessageContaining("CANCELLED");
        assertThatThrownBy(h::heartbeat).isInstanceOf(TrialLostException.class);
        assertThatThrownBy(() -> h.complete(metrics(1, 0.1), 1.0)).isInstanceOf(TrialLostException.class);
        assertThat(store.cancelTrial(h.trialId(), "again")).as("a finished trial is never updated again").isFalse();
        assertThat(store.trial(h.trialId()).orElseThrow().failureReason()).isEqualTo("cancelled by a test");
        assertThat(store.countByState("c").get(TrialState.CANCELLED)).isEqualTo(1);
        assertThat(store.countByState("c").get(TrialState.FAILED)).isZero();
    }

    @Test
    void aCancelledWaitingTrialIsNeverClaimedAndAFinishedOneCannotBeCancelled() {
        campaign("c");
        Trial waiting = store.enqueue("c", Map.of("lr", 0.1));
        Trial next = store.enqueue("c", Map.of("lr", 0.2));
        assertThat(store.cancelTrial(waiting.id(), "no")).isTrue();
        assertThat(store.claimNext("c", "w", "cpu")).hasValueSatisfying(h -> assertThat(h.trialId()).isEqualTo(next.id()));
        assertThat(store.claim(waiting.id(), "w", "cpu")).isEmpty();
        TrialHandle done = completed("c", Map.of("lr", 0.3), 1.0);
        assertThat(store.cancelTrial(done.trialId(), "too late")).isFalse();
        assertThat(store.trial(done.trialId()).orElseThrow().state()).isEqualTo(TrialState.COMPLETE);
    }

    @Test
    void cancelledTrialsRankAfterEveryOtherStateAndCanBeListedByState() {
        campaign("c");
        Trial cancelled = store.enqueue("c", Map.of("lr", 0.1));
        store.cancelTrial(cancelled.id(), "no");
        store.enqueue("c", Map.of("lr", 0.2));
        completed("c", Map.of("lr", 0.3), 1.0);
        List<Trial> all = store.trials(TrialQuery.of("c").page(10, 0)).items();
        assertThat(all).extracting(Trial::state)
                .containsExactly(TrialState.COMPLETE, TrialState.WAITING, TrialState.CANCELLED);
        assertThat(store.trials(TrialQuery.of("c").state(TrialState.CANCELLED).page(10, 0)).items())
                .extracting(Trial::id).containsExactly(cancelled.id());
    }

    @Test
    void aPausedCampaignHasNoTrialClaimedUntilItContinues() {
        campaign("c");
        campaign("other");
        Trial t = store.enqueue("c", Map.of("lr", 0.1));
        assertThat(store.pauseCampaign("c", true)).isTrue();
        assertThat(store.pauseCampaign("c", true)).as("already paused").isFalse();
        assertThat(store.campaign("c").orElseThrow().paused()).isTrue();
        assertThat(store.campaign("other").orElseThrow().paused()).isFalse();
        assertThat(store.claimNext("c", "w", "cpu")).isEmpty();
        assertThat(store.claimAny("w", "cpu")).isEmpty();
        // pausing survives ending and reopening (a resume of a paused campaign stays paused)
        store.endCampaign("c", "budget");
        store.reopenCampaign("c");
        assertThat(store.campaign("c").orElseThrow().paused()).isTrue();
        assertThat(store.pauseCampaign("c", false)).isTrue();
        assertThat(store.pauseCampaign("c", false)).isFalse();
        assertThat(store.campaign("c").orElseThrow().pausedAt()).isNull();
        assertThat(store.claimNext("c", "w", "cpu")).hasValueSatisfying(h -> assertThat(h.trialId()).isEqualTo(t.id()));
    }

    @Test
    void aChangedBudgetIsWhatTheCampaignReadsBack() {
        campaign("c");
        store.changeSettings("c", "{\"budget\": {\"max_trials\": 80}}", 80);
        Campaign c = store.campaign("c").orElseThrow();
        assertThat(c.budget()).isEqualTo(80);
        assertThat(c.settingsJson()).isEqualTo("{\"budget\": {\"max_trials\": 80}}");
        assertThatThrownBy(() -> store.changeSettings("none", "{}", 1)).hasMessageContaining("no campaign named");
        assertThatThrownBy(() -> store.pauseCampaign("none", true)).hasMessageContaining("no campaign named");
    }
}
