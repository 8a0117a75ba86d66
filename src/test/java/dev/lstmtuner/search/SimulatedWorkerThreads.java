package dev.lstmtuner.search;

import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Several simulated workers in one JVM (QueueBench: 32 workers on 2 cores without 32 JVMs): each a thread with a
 * store of its own (its own connection), claiming and running {@link SimulatedTrial}s until the campaign ends. The
 * threads share one {@link CampaignHistory} (read once, refreshed incrementally), since a million-trial history
 * per thread would not fit; one thread heartbeats every running trial. Usage: {@code SimulatedWorkerThreads URL
 * CAMPAIGN EPOCHS THREADS GATE_DIR}: it reads the history, opens the threads' stores, writes {@code ready-PID} in
 * the gate folder and waits for {@code go} there. At exit it prints "pruner-decisions-ms" with every decision's time
 * and "trials-done N".
 */
public final class SimulatedWorkerThreads {
    private static final long HEARTBEAT_MS = 2000;

    private SimulatedWorkerThreads() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String campaign = args[1];
        int epochs = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        Path gate = Path.of(args[4]);
        String pid = "sim-pid" + ProcessHandle.current().pid();
        List<Double> decisionMs = Collections.synchronizedList(new ArrayList<>());
        Set<TrialHandle> running = ConcurrentHashMap.newKeySet();
        List<Store> stores = new ArrayList<>();
        try (Store historyStore = StoreFactory.open(url)) {
            long t0 = System.nanoTime();
            CampaignPlan plan = CampaignPlan.of(historyStore.campaign(campaign).orElseThrow());
            CampaignHistory history = new CampaignHistory(historyStore, campaign, plan.campaign().objective());
            history.refresh();
            SimulatedTrial.Judge judge = new SimulatedTrial.Judge(history, plan.pruner(), plan.experiment().direction());
            for (int i = 0; i < threads; i++) stores.add(StoreFactory.open(url));
            System.out.printf(Locale.ROOT, "history-load-ms %.0f%n", (System.nanoTime() - t0) / 1e6);
            ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heartbeat");
                t.setDaemon(true);
                return t;
            });
            beat.scheduleAtFixedRate(() -> {
                for (TrialHandle h : running) {
                    try {
                        h.heartbeat();
                    } catch (RuntimeException finished) {
                        // its thread finds out on its next write
                    }
                }
            }, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
            Files.writeString(gate.resolve("ready-" + ProcessHandle.current().pid()), "");
            while (!Files.exists(gate.resolve("go"))) Thread.sleep(20);
            List<Thread> workers = new ArrayList<>();
            int[] done = new int[threads];
            for (int i = 0; i < threads; i++) {
                int k = i;
                Thread t = new Thread(() -> done[k] = work(stores.get(k), campaign, pid + "-" + k, epochs, judge,
                        running, decisionMs), "worker-" + i);
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) t.join();
            beat.shutdownNow();
            StringBuilder sb = new StringBuilder("pruner-decisions-ms");
            synchronized (decisionMs) {
                for (double d : decisionMs) sb.append(' ').append(String.format(Locale.ROOT, "%.3f", d));
            }
            System.out.println(sb);
            int total = 0;
            for (int d : done) total += d;
            System.out.println("trials-done " + total);
        } finally {
            for (Store s : stores) s.close();
        }
    }

    /** Claims and runs trials until the campaign ends; returns how many it ran. */
    private static int work(Store store, String campaign, String worker, int epochs, SimulatedTrial.Judge judge,
                            Set<TrialHandle> running, List<Double> decisionMs) {
        int done = 0;
        IdlePolls polls = IdlePolls.worker();
        try {
            while (true) {
                Optional<TrialHandle> claimed = store.claimNext(campaign, worker, "sim");
                if (claimed.isEmpty()) {
                    if (store.campaign(campaign).orElseThrow().endedAt() != null) return done;
                    Thread.sleep(polls.nextWaitMs());
                    continue;
                }
                polls.claimed();
                TrialHandle h = claimed.get();
                running.add(h);
                SimulatedTrial.run(h, epochs, 0, judge, judge.history(), decisionMs);
                running.remove(h);
                done++;
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return done;
        }
    }
}
