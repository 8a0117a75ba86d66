package dev.lstmtuner.store;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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

/**
 * The trial queue's contract, run against every Store implementation: claims under concurrency, lost and
 * interrupted trials re-queued, the coordinator lease, the change feed and claims across campaigns.
 */
abstract class StoreQueueContractTest extends StoreTestBase {

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
}
