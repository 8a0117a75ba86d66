package dev.lstmtuner.store;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.train.EpochMetrics;
import dev.lstmtuner.train.FinalMetrics;
import dev.lstmtuner.train.FoldMetrics;
import dev.lstmtuner.train.ForecastMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** One contract, run against every Store implementation (see the subclasses). */
abstract class StoreContractTest {
    protected Store store;

    protected abstract Store newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static FinalMetrics metrics(double testRmse, double skill) {
        return new FinalMetrics(new ForecastMetrics(testRmse * 0.8, testRmse, 1.5, 0.3, 0.55),
                new ForecastMetrics(testRmse, testRmse * 1.1, 1.7, 0.2, 0.5), skill, testRmse * 0.9, 12_345L,
                10, 7, 3.5, 400);
    }

    private Campaign campaign(String name) {
        return store.createCampaign(new CampaignSpec(name, "{\"units\":[8]}", "{\"lr\":\"log\"}", "random", "median",
                50, null, Direction.MINIMIZE, null, null));
    }

    private TrialHandle completed(String campaign, Map<String, Object> params, double objective) {
        TrialHandle h = store.start(campaign, params, "w", "cpu");
        h.complete(metrics(objective * 2, 0.1), objective);
        return h;
    }

    @Test
    void createdCampaignIsReadBackWithDefaultsFilled() {
        Campaign c = campaign("c1");
        assertThat(store.campaign("c1")).contains(c);
        assertThat(c.objective()).isEqualTo("val_rmse");
        assertThat(c.budget()).isEqualTo(50);
        assertThat(c.createdAt()).isNotNull();
        assertThat(store.campaign("nope")).isEmpty();
    }

    @Test
    void campaignNameCanBeTakenOnlyOnce() {
        campaign("c1");
        assertThatThrownBy(() -> campaign("c1")).isInstanceOf(BadInputException.class).hasMessageContaining("c1");
    }

    @Test
    void trialNumbersCountFromOneWithinEachCampaign() {
        campaign("a");
        campaign("b");
        assertThat(store.enqueue("a", Map.of()).number()).isEqualTo(1);
        assertThat(store.enqueue("b", Map.of()).number()).isEqualTo(1);
        Trial second = store.enqueue("a", Map.of());
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.state()).isEqualTo(TrialState.WAITING);
        assertThat(store.trial("a", 2)).map(Trial::id).contains(second.id());
    }

    @Test
    void enqueueIntoUnknownCampaignIsBadInput() {
        assertThatThrownBy(() -> store.enqueue("ghost", Map.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void paramsComeBackInOrderAsPlainJsonValues() {
        campaign("c");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("zeta", 0.5);
        params.put("units", List.of(64, 32));
        params.put("layer_impl", "fast");
        params.put("batch_norm", true);
        params.put("batch_size", 32);
        Trial t = store.trial(store.enqueue("c", params).id()).orElseThrow();
        assertThat(t.params()).containsExactlyEntriesOf(params);
        assertThat(new ArrayList<>(t.params().keySet())).containsExactly("zeta", "units", "layer_impl", "batch_norm",
                "batch_size");
    }

    @Test
    void aWaitingTrialIsClaimedOnlyOnce() {
        campaign("c");
        Trial t = store.enqueue("c", Map.of("lr", 0.1));
        TrialHandle h = store.claim(t.id(), "w1", "cpu").orElseThrow();
        assertThat(store.claim(t.id(), "w2", "cpu")).isEmpty();
        Trial running = h.snapshot();
        assertThat(running.state()).isEqualTo(TrialState.RUNNING);
        assertThat(running.worker()).isEqualTo("w1");
        assertThat(running.device()).isEqualTo("cpu");
        assertThat(running.startedAt()).isNotNull();
        assertThat(running.heartbeatAt()).isNotNull();
    }

    @Test
    void claimNextTakesTheLowestWaitingNumberAndEmptiesTheQueue() {
        campaign("c");
        store.enqueue("c", Map.of("i", 1));
        store.enqueue("c", Map.of("i", 2));
        assertThat(store.claimNext("c", "w", "cpu")).map(TrialHandle::number).contains(1);
        assertThat(store.claimNext("c", "w", "cpu")).map(TrialHandle::number).contains(2);
        assertThat(store.claimNext("c", "w", "cpu")).isEmpty();
    }

    @Test
    void completedTrialKeepsMetricsEpochsArtifactsAndProvenance() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of("lr", 0.01), "worker-1", "cpu");
        h.reportEpoch(new EpochMetrics(1, 0.5, 0.6, 120.0, 1000));
        assertThat(h.epochListener().onEpoch(new EpochMetrics(2, 0.4, 0.5, 110.0, 900)).stop()).isFalse();
        Provenance p = new Provenance("{\"seed\":7}", 7, new DataFingerprint.Fingerprint("ab".repeat(32), 1000, 5000, 42),
                "0.1.0", "deadbeef", "17", "1.0.0-M2.1", "CPU", "Linux 6", "amd64", 2, "host-a");
        h.recordProvenance(p);
        Artifact a = new Artifact("model", "results/artifacts/c/1/model.zip", "cd".repeat(32), 2048);
        h.addArtifact(a);
        FinalMetrics m = metrics(150, 0.05);
        h.complete(m, 110.0);

        TrialReport r = store.report(h.trialId()).orElseThrow();
        assertThat(r.trial().state()).isEqualTo(TrialState.COMPLETE);
        assertThat(r.trial().objective()).isEqualTo(110.0);
        assertThat(r.trial().metrics()).isEqualTo(m);
        assertThat(r.trial().finishedAt()).isNotNull();
        assertThat(r.epochs()).containsExactly(new EpochMetrics(1, 0.5, 0.6, 120.0, 1000),
                new EpochMetrics(2, 0.4, 0.5, 110.0, 900));
        assertThat(r.artifacts()).containsExactly(a);
        assertThat(r.provenance()).isEqualTo(p);
    }

    @Test
    void aFinishedTrialCanNeverBeUpdatedAgain() {
        campaign("c");
        TrialHandle h = completed("c", Map.of(), 1.0);
        assertThatThrownBy(() -> h.reportEpoch(new EpochMetrics(1, 1, 1, 1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COMPLETE");
        assertThatThrownBy(() -> h.fail("late", null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.prune(1, "late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(h::heartbeat).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> h.complete(metrics(1, 1), 0.5)).isInstanceOf(IllegalStateException.class);
        assertThat(store.trial(h.trialId()).orElseThrow().objective()).isEqualTo(1.0);
    }

    @Test
    void prunedTrialKeepsItsCurveButHasNoObjective() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of("lr", 0.5), "w", "cpu");
        h.reportEpoch(new EpochMetrics(1, 0.9, 0.9, 300.0, 10));
        h.reportEpoch(new EpochMetrics(2, 0.8, 0.95, 310.0, 10));
        h.prune(2, "worse than median at epoch 2");
        Trial t = h.snapshot();
        assertThat(t.state()).isEqualTo(TrialState.PRUNED);
        assertThat(t.objective()).isNull();
        assertThat(t.prunedEpoch()).isEqualTo(2);
        assertThat(t.failureReason()).contains("median");
        assertThat(store.epochs(List.of(t.id())).get(t.id())).extracting(EpochMetrics::valRmse)
                .containsExactly(300.0, 310.0);
    }

    @Test
    void failedTrialKeepsReasonAndStack() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of(), "w", "cpu");
        h.fail("loss became NaN at epoch 3", "java.lang.ArithmeticException\n\tat X");
        Trial t = h.snapshot();
        assertThat(t.state()).isEqualTo(TrialState.FAILED);
        assertThat(t.failureReason()).isEqualTo("loss became NaN at epoch 3");
        assertThat(t.failureStack()).startsWith("java.lang.ArithmeticException");
    }

    @Test
    void leaderboardPutsCompletedTrialsBeforePrunedFailedAndUnfinishedOnes() {
        campaign("c");
        store.start("c", Map.of("lr", 0.1), "w", "cpu").fail("boom", null);
        completed("c", Map.of("lr", 0.2), 5.0);
        store.start("c", Map.of("lr", 0.3), "w", "cpu").prune(1, "bad");
        store.enqueue("c", Map.of("lr", 0.4));
        completed("c", Map.of("lr", 0.5), 3.0);
        store.start("c", Map.of("lr", 0.6), "w", "cpu");

        Page<Trial> page = store.trials(TrialQuery.of("c"));
        assertThat(page.total()).isEqualTo(6);
        assertThat(page.items()).extracting(Trial::number).containsExactly(5, 2, 3, 1, 6, 4);
        // even sorting the "wrong" way keeps completed trials first
        assertThat(store.trials(TrialQuery.of("c").descending(true)).items()).extracting(Trial::number)
                .startsWith(2, 5);
    }

    @Test
    void sortsByAnyFinalMetricInItsNaturalDirection() {
        campaign("c");
        TrialHandle a = store.start("c", Map.of(), "w", "cpu");
        a.complete(metrics(10, 0.3), 10);
        TrialHandle b = store.start("c", Map.of(), "w", "cpu");
        b.complete(metrics(20, 0.6), 20);
        TrialHandle c = store.start("c", Map.of(), "w", "cpu");
        c.complete(metrics(15, 0.1), 15);
        assertThat(store.trials(TrialQuery.of("c").sortBy("test_rmse")).items()).extracting(Trial::number)
                .containsExactly(1, 3, 2);
        assertThat(store.trials(TrialQuery.of("c").sortBy("skill")).items()).extracting(Trial::number)
                .containsExactly(2, 1, 3);
        assertThat(store.trials(TrialQuery.of("c").sortBy("skill").descending(false)).items())
                .extracting(Trial::number).containsExactly(3, 1, 2);
    }

    @Test
    void sortsByParamNumericallyNotAsText() {
        campaign("c");
        completed("c", Map.of("batch_size", 128, "impl", "fast"), 1);
        completed("c", Map.of("batch_size", 16, "impl", "stock"), 2);
        completed("c", Map.of("batch_size", 64, "impl", "fast"), 3);
        assertThat(store.trials(TrialQuery.of("c").sortBy("batch_size")).items())
                .extracting(t -> t.params().get("batch_size")).containsExactly(16, 64, 128);
        assertThat(store.trials(TrialQuery.of("c").sortBy("batch_size").descending(true)).items())
                .extracting(t -> t.params().get("batch_size")).containsExactly(128, 64, 16);
        assertThat(store.trials(TrialQuery.of("c").sortBy("impl")).items())
                .extracting(Trial::number).containsExactly(1, 3, 2);
    }

    @Test
    void filtersByStateAndPagesWithTheFullTotal() {
        campaign("c");
        for (int i = 1; i <= 7; i++) completed("c", Map.of("x", i), 10 - i);
        store.start("c", Map.of("x", 99), "w", "cpu").fail("boom", null);
        Page<Trial> page = store.trials(TrialQuery.of("c").state(TrialState.COMPLETE).page(3, 3));
        assertThat(page.total()).isEqualTo(7);
        assertThat(page.items()).extracting(t -> t.params().get("x")).containsExactly(4, 3, 2);
        Page<Trial> failed = store.trials(TrialQuery.of("c").state(TrialState.FAILED).sortBy("x"));
        assertThat(failed.total()).isEqualTo(1);
        assertThat(failed.items()).extracting(Trial::state).containsExactly(TrialState.FAILED);
        assertThat(store.trials(TrialQuery.of("c").page(5, 100)).items()).isEmpty();
    }

    @Test
    void anUnknownSortKeyIsRejectedWithTheValidKeys() {
        campaign("c");
        store.enqueue("c", Map.of("learning_rate", 0.1));
        assertThatThrownBy(() -> store.trials(TrialQuery.of("c").sortBy("val_rmse; DROP TABLE trial")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("test_rmse").hasMessageContaining("learning_rate");
        assertThat(store.sortKeys("c")).contains("val_rmse", "skill", "learning_rate");
    }

    @Test
    void bestFollowsTheCampaignDirection() {
        store.createCampaign(new CampaignSpec("max", null, null, "random", "none", null, "skill",
                Direction.MAXIMIZE, null, null));
        completed("max", Map.of(), 0.2);
        completed("max", Map.of(), 0.7);
        completed("max", Map.of(), 0.5);
        store.start("max", Map.of(), "w", "cpu").fail("x", null);
        assertThat(store.best("max")).map(Trial::objective).contains(0.7);
        assertThat(store.trials(TrialQuery.of("max")).items()).extracting(Trial::objective)
                .startsWith(0.7, 0.5, 0.2);
        campaign("min");
        assertThat(store.best("min")).isEmpty();
        completed("min", Map.of(), 0.2);
        completed("min", Map.of(), 0.1);
        assertThat(store.best("min")).map(Trial::objective).contains(0.1);
    }

    @Test
    void countsEveryStateAndSummarizesCampaigns() {
        campaign("c");
        store.enqueue("c", Map.of());
        store.start("c", Map.of(), "w", "cpu");
        completed("c", Map.of(), 4.0);
        completed("c", Map.of(), 2.0);
        Map<TrialState, Long> counts = store.countByState("c");
        assertThat(counts).containsEntry(TrialState.WAITING, 1L).containsEntry(TrialState.RUNNING, 1L)
                .containsEntry(TrialState.COMPLETE, 2L).containsEntry(TrialState.PRUNED, 0L)
                .containsEntry(TrialState.FAILED, 0L);
        campaign("empty");
        List<CampaignSummary> all = store.campaigns();
        assertThat(all).extracting(s -> s.campaign().name()).containsExactlyInAnyOrder("c", "empty");
        CampaignSummary c = all.stream().filter(s -> s.campaign().name().equals("c")).findFirst().orElseThrow();
        assertThat(c.total()).isEqualTo(4);
        assertThat(c.best().objective()).isEqualTo(2.0);
    }

    @Test
    void epochCurvesOfSeveralTrialsComeBackPerTrialInEpochOrder() {
        campaign("c");
        TrialHandle a = store.start("c", Map.of(), "w", "cpu");
        TrialHandle b = store.start("c", Map.of(), "w", "cpu");
        TrialHandle none = store.start("c", Map.of(), "w", "cpu");
        for (int e = 1; e <= 3; e++) {
            a.reportEpoch(new EpochMetrics(e, 1.0 / e, 1.0 / e, 10.0 / e, 5));
            b.reportEpoch(new EpochMetrics(e, 2.0 / e, 2.0 / e, 20.0 / e, 5));
        }
        Map<Long, List<EpochMetrics>> curves = store.epochs(List.of(b.trialId(), a.trialId(), none.trialId()));
        assertThat(curves.keySet()).containsExactly(b.trialId(), a.trialId());
        assertThat(curves.get(a.trialId())).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        assertThat(curves.get(b.trialId())).extracting(EpochMetrics::valRmse).containsExactly(20.0, 10.0, 20.0 / 3);
    }

    @Test
    void anEpochIsReportedOnlyOnce() {
        campaign("c");
        TrialHandle h = store.start("c", Map.of(), "w", "cpu");
        h.reportEpoch(new EpochMetrics(1, 1, 1, 1, 1));
        assertThatThrownBy(() -> h.reportEpoch(new EpochMetrics(1, 2, 2, 2, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already reported");
    }

    @Test
    void reclaimStaleFailsSilentWorkersAndRequeuesACopy() throws Exception {
        campaign("c");
        TrialHandle lost = store.start("c", Map.of("lr", 0.3), "dead-worker", "cpu");
        // wide margins: a loaded machine may take a few hundred ms between the heartbeat and the reclaim
        Thread.sleep(1500);
        TrialHandle alive = store.start("c", Map.of("lr", 0.1), "live-worker", "cpu");
        alive.heartbeat();

        assertThat(store.reclaimStale(Duration.ofHours(1), false)).isEmpty();
        List<Trial> reclaimed = store.reclaimStale(Duration.ofMillis(1000), true);

        assertThat(reclaimed).extracting(Trial::id).containsExactly(lost.trialId());
        Trial failed = store.trial(lost.trialId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(TrialState.FAILED);
        assertThat(failed.failureReason()).isEqualTo("worker lost");
        assertThat(alive.snapshot().state()).isEqualTo(TrialState.RUNNING);
        Trial copy = store.trial("c", 3).orElseThrow();
        assertThat(copy.state()).isEqualTo(TrialState.WAITING);
        assertThat(copy.params()).isEqualTo(failed.params());
        assertThat(copy.requeuedFrom()).isEqualTo(lost.trialId());
        assertThatThrownBy(() -> lost.reportEpoch(new EpochMetrics(1, 1, 1, 1, 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void completedTrialKeepsItsPersistenceTestAndFoldsAndSortsByPValue() {
        campaign("dm");
        ForecastMetrics f = new ForecastMetrics(1, 2, 3, Double.NaN, 0.5);
        List<FoldMetrics> folds = List.of(new FoldMetrics(1, 100, 20, 20, 1_000L, 2_000L, 2.5, 0.9, 6, 4, f, f,
                0.01, 0.4), new FoldMetrics(2, 140, 20, 20, 2_000L, 3_000L, 2.4, 0.8, 5, 3, f, f, -0.02, null));
        TrialHandle a = store.start("dm", Map.of("lr", 0.01), "w", "cpu");
        a.complete(new FinalMetrics(f, f, 0.01, 2.45, 10, 6, 4, 1.0, 40, -2.1, 0.04, folds), 2.45);
        TrialHandle b = store.start("dm", Map.of("lr", 0.02), "w", "cpu");
        b.complete(new FinalMetrics(f, f, 0.0, 2.5, 10, 6, 4, 1.0, 40, 0.3, 0.76, List.of()), 2.5);

        FinalMetrics back = store.trial(a.trialId()).orElseThrow().metrics();
        assertThat(back.persistenceStatistic()).isEqualTo(-2.1);
        assertThat(back.persistencePValue()).isEqualTo(0.04);
        assertThat(back.folds()).hasSize(2);
        assertThat(back.folds().get(1).persistencePValue()).isNull();
        assertThat(back.folds().get(0).model().r2()).isNaN();
        assertThat(back.folds().get(1).testToMs()).isEqualTo(3_000L);
        assertThat(store.trial(b.trialId()).orElseThrow().metrics().folds()).isEmpty();
        assertThat(store.trials(TrialQuery.of("dm").sortBy("persistence_p")).items())
                .extracting(Trial::number).containsExactly(1, 2);
        assertThat(store.trials(TrialQuery.of("dm").sortBy("persistence_p").descending(true)).items())
                .extracting(Trial::number).containsExactly(2, 1);
    }

    @Test
    void aConfirmationRunIsLinkedToTheTrialItConfirmsAndItsRequeuedCopyKeepsTheLink() {
        campaign("conf");
        TrialHandle first = completed("conf", Map.of("lr", 0.01), 1.0);
        Trial confirm = store.enqueue("conf", Map.of("lr", 0.01, "seed", 7), first.trialId());
        assertThat(confirm.confirmOf()).isEqualTo(first.trialId());
        assertThat(store.trial(first.trialId()).orElseThrow().confirmOf()).isNull();
        TrialHandle h = store.claim(confirm.id(), "w", "cpu").orElseThrow();
        h.interrupt("interrupted: Ctrl-C; re-queued");
        Trial copy = store.trial("conf", 3).orElseThrow();
        assertThat(copy.requeuedFrom()).isEqualTo(confirm.id());
        assertThat(copy.confirmOf()).isEqualTo(first.trialId());
    }

    @Test
    void anInterruptedTrialFailsWithItsReasonAndARequeuedCopyWaits() {
        campaign("int");
        TrialHandle h = store.start("int", Map.of("lr", 0.01, "units", List.of(8, 4)), "w", "cpu");
        h.interrupt("interrupted: Ctrl-C; re-queued");
        Trial failed = store.trial(h.trialId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(TrialState.FAILED);
        assertThat(failed.failureReason()).contains("Ctrl-C");
        Trial copy = store.trial("int", 2).orElseThrow();
        assertThat(copy.state()).isEqualTo(TrialState.WAITING);
        assertThat(copy.requeuedFrom()).isEqualTo(h.trialId());
        assertThat(copy.params()).isEqualTo(failed.params());
        assertThatThrownBy(() -> h.heartbeat()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEndedCampaignKeepsItsEndTimeAndReason() {
        Campaign c = store.createCampaign(new CampaignSpec("ended", "{}", "{}", "tpe", "asha", 5, null,
                Direction.MINIMIZE, "{\"name\":\"ended\"}", "group-a"));
        assertThat(c.endedAt()).isNull();
        assertThat(c.settingsJson()).isEqualTo("{\"name\":\"ended\"}");
        assertThat(c.groupName()).isEqualTo("group-a");
        store.endCampaign("ended", "trial budget of 5 reached");
        Campaign after = store.campaign("ended").orElseThrow();
        assertThat(after.endedAt()).isNotNull();
        assertThat(after.endReason()).isEqualTo("trial budget of 5 reached");
        assertThatThrownBy(() -> store.endCampaign("missing", "x")).isInstanceOf(BadInputException.class);
        store.reopenCampaign("ended");
        assertThat(store.campaign("ended").orElseThrow().endedAt()).isNull();
        assertThat(store.campaign("ended").orElseThrow().endReason()).isNull();
    }

    @Test
    void deletingACampaignRemovesOnlyItsTrials() {
        campaign("gone");
        campaign("kept");
        TrialHandle h = completed("gone", Map.of("a", 1), 1);
        completed("gone", Map.of("a", 2), 2);
        completed("kept", Map.of("a", 3), 3);
        assertThat(store.deleteCampaign("gone")).isEqualTo(2);
        assertThat(store.campaign("gone")).isEmpty();
        assertThat(store.trial(h.trialId())).isEmpty();
        assertThat(store.trials(TrialQuery.of("kept")).total()).isEqualTo(1);
        assertThatThrownBy(() -> store.deleteCampaign("gone")).isInstanceOf(BadInputException.class);
    }

    @Test
    void fourThreadsEnqueueingAndClaimingTwoHundredTrialsEachClaimEveryTrialExactlyOnce() throws Exception {
        campaign("race");
        int threads = 4;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<List<Trial>>> enqueued = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                enqueued.add(pool.submit(() -> {
                    start.await();
                    List<Trial> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) mine.add(store.enqueue("race", Map.of("w", worker, "i", i)));
                    return mine;
                }));
            }
            Set<Integer> numbers = new HashSet<>();
            List<Long> ids = new ArrayList<>();
            for (Future<List<Trial>> f : enqueued) {
                for (Trial t : f.get(60, TimeUnit.SECONDS)) {
                    numbers.add(t.number());
                    ids.add(t.id());
                }
            }
            assertThat(numbers).hasSize(threads * perThread);
            assertThat(Collections.max(numbers)).isEqualTo(threads * perThread);

            // every thread tries to claim every trial, in a different order: exactly one wins each
            Map<Long, AtomicInteger> wins = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            List<Future<?>> claims = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Long> order = new ArrayList<>(ids);
                Collections.rotate(order, t * perThread);
                claims.add(pool.submit(() -> {
                    start.await();
                    for (long id : order) {
                        try {
                            store.claim(id, Thread.currentThread().getName(), "cpu")
                                    .ifPresent(h -> wins.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
                        } catch (RuntimeException e) {
                            errors.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : claims) f.get(120, TimeUnit.SECONDS);
            assertThat(errors).isEmpty();
            assertThat(wins).hasSize(threads * perThread);
            assertThat(wins.values()).allMatch(n -> n.get() == 1);
            assertThat(store.countByState("race")).containsEntry(TrialState.RUNNING, (long) threads * perThread)
                    .containsEntry(TrialState.WAITING, 0L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workersDrainingTheQueueWithClaimNextNeverShareATrial() throws Exception {
        campaign("queue");
        for (int i = 0; i < 100; i++) store.enqueue("queue", Map.of("i", i));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    for (var h = store.claimNext("queue", "w", "cpu"); h.isPresent();
                         h = store.claimNext("queue", "w", "cpu")) {
                        claimed.add(h.get().trialId());
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get(120, TimeUnit.SECONDS);
            assertThat(claimed).hasSize(100).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyOneCoordinatorHoldsALeaseUntilItExpiresOrIsReleased() throws Exception {
        campaign("c");
        assertThat(store.lease("c").live()).isFalse();
        assertThat(store.holdLease("c", "coord-a", Duration.ofSeconds(30))).isTrue();
        assertThat(store.holdLease("c", "coord-b", Duration.ofSeconds(30))).isFalse();
        assertThat(store.holdLease("c", "coord-a", Duration.ofSeconds(30))).as("renewal").isTrue();
        Lease held = store.lease("c");
        assertThat(held.holder()).isEqualTo("coord-a");
        assertThat(held.live()).isTrue();
        store.releaseLease("c", "coord-b");
        assertThat(store.lease("c").holder()).as("only the holder releases").isEqualTo("coord-a");
        store.releaseLease("c", "coord-a");
        assertThat(store.holdLease("c", "coord-b", Duration.ofMillis(300))).isTrue();
        Thread.sleep(1000);
        assertThat(store.lease("c").live()).isFalse();
        assertThat(store.holdLease("c", "coord-a", Duration.ofSeconds(30))).as("takeover after expiry").isTrue();
        assertThat(store.lease("c").holder()).isEqualTo("coord-a");
    }

    @Test
    void concurrentCoordinatorsNeverBothHoldTheLease() throws Exception {
        campaign("c");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CyclicBarrier start = new CyclicBarrier(n);
        List<Future<Boolean>> won = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String holder = "coord-" + i;
            won.add(pool.submit(() -> {
                start.await();
                return store.holdLease("c", holder, Duration.ofSeconds(30));
            }));
        }
        int winners = 0;
        for (Future<Boolean> f : won) if (f.get()) winners++;
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void changesSinceReturnsOnlyTrialsAndEpochsChangedAtOrAfterThePoint() throws Exception {
        campaign("c");
        TrialHandle early = store.start("c", Map.of("lr", 0.1), "w", "cpu");
        early.reportEpoch(new EpochMetrics(1, 1, 1, 1, 1));
        CampaignChanges all = store.changesSince("c", null, null);
        assertThat(all.trials()).extracting(Trial::number).containsExactly(1);
        assertThat(all.epochs().get(early.trialId())).hasSize(1);
        Thread.sleep(50);
        Instant mark = store.changesSince("c", null, null).now();
        Thread.sleep(50);
        Trial late = store.enqueue("c", Map.of("lr", 0.2));
        early.reportEpoch(new EpochMetrics(2, 2, 2, 2, 2));
        CampaignChanges since = store.changesSince("c", mark, mark);
        assertThat(since.trials()).extracting(Trial::id).containsExactly(late.id());
        assertThat(since.epochs().get(early.trialId())).extracting(EpochMetrics::epoch).containsExactly(2);
        assertThat(since.now()).isAfterOrEqualTo(mark);
        early.complete(metrics(1, 0.1), 0.5);
        assertThat(store.changesSince("c", mark, since.now()).trials()).extracting(Trial::id)
                .containsExactlyInAnyOrder(early.trialId(), late.id());
    }

    @Test
    void claimAnyTakesWaitingTrialsOfOpenCampaignsOnly() {
        campaign("ended");
        campaign("open");
        store.enqueue("ended", Map.of("lr", 0.1));
        store.endCampaign("ended", "done");
        Trial waiting = store.enqueue("open", Map.of("lr", 0.2));
        TrialHandle h = store.claimAny("w", "cpu").orElseThrow();
        assertThat(h.trialId()).isEqualTo(waiting.id());
        assertThat(h.campaign()).isEqualTo("open");
        assertThat(store.claimAny("w", "cpu")).isEmpty();
    }

    @Test
    void notesAndTagsAreKeptAsTypedPerCampaignAndTrialAndGoWithTheCampaign() {
        campaign("c");
        campaign("other");
        Trial t = store.enqueue("c", Map.of("lr", 0.1));
        Trial foreign = store.enqueue("other", Map.of("lr", 0.1));
        String hostile = "<img src=x onerror=alert(1)> & 'quotes'";
        Note note = store.addNote("c", null, Note.Kind.NOTE, "  " + hostile + "\nsecond line ");
        Note tag = store.addNote("c", t.id(), Note.Kind.TAG, "winner?");
        store.addNote("other", null, Note.Kind.TAG, "elsewhere");
        assertThat(note.text()).isEqualTo(hostile + "\nsecond line");
        assertThat(note.trialId()).isNull();
        assertThat(note.createdAt()).isNotNull();
        assertThat(store.notes("c")).extracting(Note::id, Note::trialId, Note::kind, Note::text)
                .containsExactly(tuple(note.id(), null, Note.Kind.NOTE, hostile + "\nsecond line"),
                        tuple(tag.id(), t.id(), Note.Kind.TAG, "winner?"));
        assertThatThrownBy(() -> store.addNote("c", foreign.id(), Note.Kind.TAG, "x"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no trial with id " + foreign.id());
        assertThatThrownBy(() -> store.addNote("c", null, Note.Kind.TAG, "a\nb")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> store.addNote("c", null, Note.Kind.NOTE, "  ")).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> store.addNote("c", null, Note.Kind.TAG, "x".repeat(Note.MAX_TAG + 1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining(String.valueOf(Note.MAX_TAG));
        assertThatThrownBy(() -> store.addNote("ghost", null, Note.Kind.NOTE, "x")).isInstanceOf(BadInputException.class);
        assertThat(store.deleteNote(tag.id())).isTrue();
        assertThat(store.deleteNote(tag.id())).isFalse();
        assertThat(store.notes("c")).extracting(Note::id).containsExactly(note.id());
        store.deleteCampaign("c");
        campaign("c");
        assertThat(store.notes("c")).isEmpty();
        assertThat(store.notes("other")).hasSize(1);
    }
}
