package dev.lstmtuner.search;

import dev.lstmtuner.result.Objective;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.StoreException;
import dev.lstmtuner.store.StoreUnreachableException;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.store.TrialLostException;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A trial the store failed under is re-queued, not FAILED: its point waits to be trained again and it never counts
 * towards max_consecutive_failures; a trial reclaimed from its worker is dropped without a write; a trial's own
 * failure is still FAILED with its reason.
 */
class StoreErrorIsNotTheTrialsFaultTest {
    private final InMemoryStore store = new InMemoryStore();

    private TrialExecutor.Outcome run(TrialHandle handle, RuntimeException thrown) {
        return new TrialExecutor(store, 60_000).execute(handle,
                new TrialExecutor.Plan(RunConfig.DEFAULTS, null, Objective.DEFAULT, Direction.MINIMIZE,
                        null, false),
                c -> {
                    throw thrown;
                }, null, (e, b, n, t) -> { });
    }

    private TrialHandle start() {
        if (store.campaign("c").isEmpty()) {
            store.createCampaign(CampaignSpec.single("c", ConfigLoader.toJson(RunConfig.DEFAULTS)));
        }
        Trial t = store.enqueue("c", Map.of("learning_rate", 0.01));
        return store.claim(t.id(), "w", "cpu").orElseThrow();
    }

    @Test
    void aStoreErrorReQueuesTheTrialAndIsNoFailureInARow() {
        for (int i = 0; i < 3; i++) {
            TrialHandle h = start();
            // wrapped as DL4J wraps what a listener throws
            TrialExecutor.Outcome o = run(h, new RuntimeException("listener failed", new StoreException(
                    "store update failed on jdbc:postgresql://db/x: Connection is closed", new SQLException("closed", "08003"))));
            assertThat(o.requeued()).isTrue();
        }
        List<Trial> trials = PastTrials.all(store, "c");
        List<Trial> ended = trials.stream().filter(t -> t.state() == TrialState.FAILED).toList();
        assertThat(ended).hasSize(3).allSatisfy(t -> assertThat(t.failureReason())
                .startsWith("interrupted: the store failed while recording it").contains("Connection is closed"));
        List<Trial> copies = trials.stream().filter(t -> t.state() == TrialState.WAITING).toList();
        assertThat(copies).hasSize(3).allSatisfy(t -> {
            assertThat(t.requeuedFrom()).isNotNull();
            assertThat(t.params()).isEqualTo(Map.of("learning_rate", 0.01));
        });
        CampaignHistory history = new CampaignHistory(store, "c", Objective.VAL_RMSE);
        history.refresh();
        assertThat(history.failuresInARow()).as("re-queued trials are no failures").isZero();
    }

    @Test
    void aTrialReclaimedFromItsWorkerIsDroppedWithoutAWrite() {
        TrialHandle h = start();
        store.reclaimStale(Duration.ZERO, true);
        TrialExecutor.Outcome o = run(h, new TrialLostException("trial c/1 is FAILED, not RUNNING"));
        assertThat(o.requeued()).isTrue();
        assertThat(o.reason()).startsWith("dropped");
        Trial t = store.trial("c", 1).orElseThrow();
        assertThat(t.failureReason()).isEqualTo("worker lost");
        assertThat(store.countByState("c").get(TrialState.WAITING)).as("the reclaim's own copy only").isEqualTo(1);
    }

    @Test
    void aStoreThatCannotRecordTheInterruptionEitherLeavesTheTrialToTheStaleHeartbeat() {
        TrialHandle inner = start();
        TrialHandle failing = new TrialHandle() {
            public long trialId() { return inner.trialId(); }
            public int number() { return inner.number(); }
            public String campaign() { return inner.campaign(); }
            public void reportEpoch(EpochMetrics e) { inner.reportEpoch(e); }
            public void heartbeat() { inner.heartbeat(); }
            public void recordProvenance(Provenance p) { inner.recordProvenance(p); }
            public void addArtifact(Artifact a) { inner.addArtifact(a); }
            public void recordObjectives(Map<Objective, Double> v) { inner.recordObjectives(v); }
            public void complete(FinalMetrics m, double objective) { inner.complete(m, objective); }
            public void prune(int epoch, String reason) { inner.prune(epoch, reason); }
            public void fail(String reason, String stack) { inner.fail(reason, stack); }
            public void interrupt(String reason) { throw new StoreUnreachableException("still down", null); }
            public Trial snapshot() { return inner.snapshot(); }
        };
        StoreUnreachableException down = new StoreUnreachableException("the experiment store is unreachable", null);
        assertThatThrownBy(() -> run(failing, down)).isSameAs(down);
        assertThat(store.trial("c", 1).orElseThrow().state()).as("never FAILED for the store's fault")
                .isEqualTo(TrialState.RUNNING);
    }

    @Test
    void theTrialsOwnFailureIsStillFailedWithItsReason() {
        TrialHandle h = start();
        TrialExecutor.Outcome o = run(h, new IllegalArgumentException("loss became NaN at epoch 3"));
        assertThat(o.requeued()).isFalse();
        assertThat(store.trial("c", 1).orElseThrow().failureReason()).isEqualTo("loss became NaN at epoch 3");
        assertThat(store.countByState("c").get(TrialState.WAITING)).isZero();
    }
}
