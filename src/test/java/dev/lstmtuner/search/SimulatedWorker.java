package dev.lstmtuner.search;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.search.pruner.Pruner;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;

import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A worker process with a simulated trainer (bench and test only, no DL4J): claims trials like {@code lstm-tuner
 * worker}, heartbeats, reports a synthetic val_rmse curve (a function of learning_rate and the epoch, so pruning
 * has something to judge) with {@code epochMs} per epoch, asks the campaign's pruner after each epoch through the
 * same incremental {@link CampaignHistory} the real executor uses, and completes with synthetic metrics.
 * Usage: {@code SimulatedWorker URL CAMPAIGN|--any EPOCHS EPOCH_MS IDLE_EXIT_MS HEARTBEAT_MS [GATE_DIR]}: with a
 * gate folder (QueueBench), it first reads the campaign's history, then writes {@code ready-PID} there and waits for
 * {@code go}, so throughput is measured with every worker started and warm. Prints one line per finished trial
 * and, at exit, "pruner-decisions-ms" with every decision's time (for QueueBench).
 */
public final class SimulatedWorker {
    private SimulatedWorker() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String campaign = args[1].equals("--any") ? null : args[1];
        int epochs = Integer.parseInt(args[2]);
        long epochMs = Long.parseLong(args[3]);
        long idleExitMs = Long.parseLong(args[4]);
        long heartbeatMs = Long.parseLong(args[5]);
        Path gate = args.length > 6 ? Path.of(args[6]) : null;
        String worker = "sim-pid" + ProcessHandle.current().pid();
        List<Double> decisionMs = new ArrayList<>();
        AtomicReference<TrialHandle> running = new AtomicReference<>();
        try (Store store = StoreFactory.open(url)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                TrialHandle h = running.getAndSet(null);
                try {
                    if (h != null) h.interrupt("interrupted: " + worker + " was stopped; re-queued");
                } catch (RuntimeException finishedOrGone) {
                    // the stale heartbeat re-queues it
                }
            }));
            ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heartbeat");
                t.setDaemon(true);
                return t;
            });
            beat.scheduleAtFixedRate(() -> {
                TrialHandle h = running.get();
                try {
                    if (h != null) h.heartbeat();
                } catch (RuntimeException finished) {
                    // the main thread finds out on its next write
                }
            }, heartbeatMs, heartbeatMs, TimeUnit.MILLISECONDS);
            long idleSince = System.nanoTime();
            CampaignHistory history = null;
            Pruner pruner = null;
            Direction direction = null;
            String historyOf = null;
            // started beside the coordinator that creates the campaign: wait for it (once, not before every claim)
            while (campaign != null && store.campaign(campaign).isEmpty()) {
                if ((System.nanoTime() - idleSince) / 1_000_000 > idleExitMs) return;
                Thread.sleep(100);
            }
            if (gate != null) {
                long t0 = System.nanoTime();
                if (campaign != null) {
                    historyOf = campaign;
                    CampaignPlan plan = CampaignPlan.of(store.campaign(campaign).orElseThrow());
                    history = new CampaignHistory(store, campaign, plan.campaign().objective());
                    history.refresh();
                    pruner = plan.pruner();
                    direction = plan.experiment().direction();
                }
                System.out.printf(Locale.ROOT, "history-load-ms %.0f%n", (System.nanoTime() - t0) / 1e6);
                Files.writeString(gate.resolve("ready-" + ProcessHandle.current().pid()), "");
                while (!Files.exists(gate.resolve("go"))) Thread.sleep(20);
                idleSince = System.nanoTime();
            }
            int done = 0;
            while (true) {
                Optional<TrialHandle> claimed = campaign != null ? store.claimNext(campaign, worker, "sim")
                        : store.claimAny(worker, "sim");
                if (claimed.isEmpty()) {
                    if (campaign != null && store.campaign(campaign).orElseThrow().endedAt() != null) break;
                    if ((System.nanoTime() - idleSince) / 1_000_000 > idleExitMs) break;
                    Thread.sleep(20);
                    continue;
                }
                TrialHandle h = claimed.get();
                running.set(h);
                if (!h.campaign().equals(historyOf)) {
                    historyOf = h.campaign();
                    CampaignPlan plan = CampaignPlan.of(store.campaign(historyOf).orElseThrow());
                    history = new CampaignHistory(store, historyOf, plan.campaign().objective());
                    pruner = plan.pruner();
                    direction = plan.experiment().direction();
                }
                Map<String, Object> params = h.snapshot().params();
                double lr = params.get("learning_rate") instanceof Number n ? n.doubleValue() : 1e-3;
                Random noise = new Random(h.number());
                double base = 20 + 10 * Math.abs(Math.log10(lr) + 3);
                double[] curve = new double[0];
                String outcome = "COMPLETE";
                try {
                    for (int e = 1; e <= epochs; e++) {
                        if (epochMs > 0) Thread.sleep(epochMs);
                        double v = base * (1 + 1.0 / e) + noise.nextDouble();
                        h.reportEpoch(new EpochMetrics(e, v / 100, v / 90, v, epochMs));
                        curve = Arrays.copyOf(curve, e);
                        curve[e - 1] = v;
                        if (e == epochs) break;
                        // as the real executor: while the store is unreachable pruning waits and training goes on
                        if (h.behind()) continue;
                        long t0 = System.nanoTime();
                        history.refresh(Duration.ofMillis(500));
                        // the history holds this trial too: pruners skip it by number, so no copy of the campaign
                        Pruner.Decision d = pruner.shouldPrune(h.number(), curve, history.past(), direction);
                        decisionMs.add((System.nanoTime() - t0) / 1e6);
                        if (d.prune()) {
                            h.prune(e, d.reason());
                            outcome = "PRUNED";
                            break;
                        }
                    }
                    if (outcome.equals("COMPLETE")) {
                        double best = Arrays.stream(curve).min().orElse(Double.NaN);
                        h.complete(new FinalMetrics(new ForecastMetrics(best * 0.7, best, 0.1, 0.9, 0.5),
                                new ForecastMetrics(best * 0.7, best * 1.05, 0.1, 0.9, 0.5), 0.05, best, 1000,
                                epochs, epochs, epochs * epochMs / 1000.0, 100), best);
                    }
                } catch (IllegalStateException reclaimed) {
                    outcome = "LOST (" + reclaimed.getMessage() + ")";
                }
                running.set(null);
                done++;
                System.out.println(worker + " " + h.campaign() + "/" + h.number() + " " + outcome);
                idleSince = System.nanoTime();
            }
            beat.shutdownNow();
            StringBuilder sb = new StringBuilder("pruner-decisions-ms");
            for (double d : decisionMs) sb.append(' ').append(String.format(Locale.ROOT, "%.3f", d));
            System.out.println(sb);
            System.out.println(worker + " done " + done);
        }
    }
}
