package dev.lstmtuner.search;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.search.pruner.Pruner;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A worker process with a simulated trainer (bench and test only, no DL4J): claims trials like {@code lstm-tuner
 * worker}, heartbeats, and runs each as a {@link SimulatedTrial} with {@code epochMs} per epoch.
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
                String outcome = SimulatedTrial.run(h, epochs, epochMs,
                        new SimulatedTrial.Judge(history, pruner, direction), history, decisionMs);
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
