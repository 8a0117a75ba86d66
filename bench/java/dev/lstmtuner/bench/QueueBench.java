package dev.lstmtuner.bench;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.CampaignPlan;
import dev.lstmtuner.search.Coordinator;
import dev.lstmtuner.search.CoordinatorLease;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.search.SimulatedWorkerThreads;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;

import java.util.Comparator;
import java.util.Map;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The trial queue under load, with simulated trainers ({@link SimulatedWorkerThreads}: synthetic curves, no DL4J,
 * no sleeping), so what is measured is the store, the coordinator and the pruner. For each database and campaign
 * size (finished trials already in the campaign, seeded by {@link QueueSeed} in set-based SQL with their epoch
 * curves): N workers start as threads with a store (a connection) each, spread over J worker JVMs (serial GC) that
 * each read the campaign's history once for their threads; once all are ready, an in-process
 * coordinator steps every 100 ms while they claim, report epochs (asking the median pruner after each) and complete
 * M new trials. Prints completed trials/s, claims+completions/s, coordinator step p50/p95 while the workers run and
 * before they start ("idle": {@value #IDLE_STEPS} steps back to back, what a step costs at this size when it does
 * not wait for a CPU), pruner decision p50/p95 and how long the workers took to start.
 * Usage: {@code bench/run QueueBench [h2|pg|both] [workers] [new trials] [epochs] [sizes,...] [worker JVMs]
 * [worker nice]} (default both 32 2000 5 0,1000,10000,100000 4 0; a nice above 0 starts the worker JVMs under
 * {@code nice -n}, so the coordinator and the database get the CPU first, as on machines of their own).
 * PostgreSQL is the server in LSTM_TUNER_TEST_PG_URL, else a throwaway local cluster (fsync off). Prints
 * figures; never fails on a time.
 */
public final class QueueBench {
    private static final int IDLE_STEPS = 200;

    private QueueBench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int fresh = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int[] sizes = Arrays.stream((args.length > 4 ? args[4] : "0,1000,10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int jvms = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        int nice = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        System.out.printf(Locale.ROOT, "QueueBench: %d workers (threads in %d JVMs), %d new trials x %d epochs per "
                + "run; %d cores, load average %.1f at start%n", workers, jvms, fresh, epochs, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| store | trials before | workers | JVMs | completed/s | claims+completions/s | step p50 ms "
                + "| step p95 ms | idle step p50 ms | idle step p95 ms | first step ms | pruner p50 ms | pruner p95 ms "
                + "| worker start s | load |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String vendor : which.equals("both") ? List.of("h2", "pg") : List.of(which)) {
            for (int size : sizes) run(vendor, size, workers, jvms, fresh, epochs, nice);
        }
    }

    private static void run(String vendor, int size, int workers, int jvms, int fresh, int epochs, int nice)
            throws Exception {
        Path dir = Files.createTempDirectory("queue-bench");
        String url = vendor.equals("h2") ? StoreFactory.jdbcUrl(dir.resolve("queue").toString())
                : PgTestCluster.get().freshDatabase("queue");
        Experiment e = ExperimentLoader.parse("{\"name\":\"bench\",\"config\":{\"max_epochs\":" + epochs + "},"
                + "\"space\":{\"params\":{\"learning_rate\":{\"type\":\"float\",\"low\":0.0001,\"high\":0.1,\"log\":true}}},"
                + "\"sampler\":\"random\",\"pruner\":\"median\",\"budget\":{\"max_trials\":" + (size + fresh) + "},"
                + "\"seed\":1}", "QueueBench", null);
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(new CampaignSpec("bench", ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                    e.pruner(), e.budget().maxTrials(), e.objective(), e.direction(), ExperimentLoader.resolvedJson(e),
                    null));
        }
        if (size > 0) QueueSeed.seed(url, size, epochs);
        List<Process> procs = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        List<Double> idleSteps = new ArrayList<>();
        double firstStep;
        double warmup;
        long t0, t1;
        try (Store store = StoreFactory.open(url)) {
            CampaignPlan plan = CampaignPlan.of(store.campaign("bench").orElseThrow());
            CoordinatorLease lease = new CoordinatorLease(store, "bench", CoordinatorLease.DEFAULT_TTL);
            lease.hold();
            Coordinator coordinator = new Coordinator(store, plan, 2 * workers, Duration.ofSeconds(600), 0);
            long s0 = System.nanoTime();
            coordinator.step();
            firstStep = (System.nanoTime() - s0) / 1e6;
            // what a step costs at this size with the cores to itself: before the workers start
            for (int i = 0; i < IDLE_STEPS; i++) {
                long a = System.nanoTime();
                lease.hold();
                coordinator.step();
                idleSteps.add((System.nanoTime() - a) / 1e6);
            }
            Path gate = Files.createDirectories(dir.resolve("gate"));
            long w0 = System.nanoTime();
            for (int i = 0; i < jvms; i++) {
                int threads = workers / jvms + (i < workers % jvms ? 1 : 0);
                List<String> cmd = new ArrayList<>(nice > 0 ? List.of("nice", "-n", String.valueOf(nice)) : List.of());
                cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms64m", "-Xmx" + workerHeapMb(size, threads) + "m", "-Xss512k", "-XX:+UseSerialGC", "-cp",
                        System.getProperty("java.class.path"), SimulatedWorkerThreads.class.getName(), url, "bench",
                        String.valueOf(epochs), String.valueOf(threads), gate.toString()));
                procs.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("w" + i + ".log").toFile()).start());
            }
            // the clock starts once every worker JVM is up and has read the campaign's history (the gate), so the
            // figure is the queue's throughput, not JVM start-up on a busy machine
            while (ready(gate) < jvms) {
                for (Process p : procs) {
                    if (!p.isAlive()) throw new IllegalStateException("a worker exited before the start: see " + dir);
                }
                lease.hold();
                Thread.sleep(100);
            }
            warmup = (System.nanoTime() - w0) / 1e9;
            // the run ends on the count of finished trials; the loop reads the coordinator's own (incremental)
            // counts, not a count of the table
            long target = finished(store.countByState("bench")) + fresh;
            Files.writeString(gate.resolve("go"), "");
            t0 = System.nanoTime();
            Coordinator.Status status;
            for (int i = 1; ; i++) {
                long a = System.nanoTime();
                lease.hold();
                status = coordinator.step();
                steps.add((System.nanoTime() - a) / 1e6);
                if (finished(status.counts()) >= target) break;
                // before the store's mark trailed open transactions, the coordinator's incremental counts missed
                // changes committed long after their stamp (seen under load 50); a count of the table, untimed and
                // every few seconds only, would still end the run and say so
                long counted = i % 30 == 0 ? finished(store.countByState("bench")) : 0;
                if (counted >= target) {
                    System.out.printf(Locale.ROOT, "  the coordinator's counts lag the table's by %d finished trials%n",
                            counted - finished(status.counts()));
                    break;
                }
                Thread.sleep(100);
            }
            t1 = System.nanoTime();
            store.endCampaign("bench", "bench over");
        }
        List<Double> decisions = new ArrayList<>();
        for (int i = 0; i < procs.size(); i++) {
            procs.get(i).waitFor(60, TimeUnit.SECONDS);
            for (String line : Files.readAllLines(dir.resolve("w" + i + ".log"))) {
                if (!line.startsWith("pruner-decisions-ms")) continue;
                for (String v : line.substring("pruner-decisions-ms".length()).trim().split(" ")) {
                    if (!v.isBlank()) decisions.add(Double.parseDouble(v));
                }
            }
        }
        double secs = (t1 - t0) / 1e9;
        System.out.printf(Locale.ROOT, "| %s | %,d | %d | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.0f | %.2f | %.2f "
                + "| %.0f | %.1f |%n", vendor.equals("h2") ? "H2 file" : "PostgreSQL", size, workers, jvms, fresh / secs,
                2 * fresh / secs, pct(steps, 0.5), pct(steps, 0.95), pct(idleSteps, 0.5), pct(idleSteps, 0.95),
                firstStep, pct(decisions, 0.5), pct(decisions, 0.95), warmup,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (Process p : procs) p.destroyForcibly();
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }

    private static long ready(Path gate) throws IOException {
        try (var files = Files.list(gate)) {
            return files.filter(f -> f.getFileName().toString().startsWith("ready-")).count();
        }
    }

    /**
     * A worker JVM holds the campaign's history once (about 1 kB a trial while it reads it) and a store per thread:
     * lean, but enough for them.
     */
    private static int workerHeapMb(int size, int threads) {
        return 64 + 16 * threads + size / 500;
    }

    private static long finished(Map<TrialState, Long> counts) {
        return counts.get(TrialState.COMPLETE) + counts.get(TrialState.PRUNED) + counts.get(TrialState.FAILED);
    }

    private static double pct(List<Double> values, double q) {
        if (values.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        return s.get(Math.min(s.size() - 1, (int) (s.size() * q)));
    }
}
