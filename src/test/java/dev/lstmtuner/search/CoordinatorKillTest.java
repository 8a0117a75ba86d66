package dev.lstmtuner.search;

import dev.lstmtuner.cli.Main;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign on PostgreSQL with a coordinator process and simulated worker processes (no DL4J, so it is quick),
 * where kill -9 hits the coordinator, then a worker in the middle of a trial, then a coordinator and a worker at
 * once, each followed by a restart: no completed trial is lost, no point is trained to completion twice, every
 * sampled point ends exactly once, and the workers keep training while no coordinator runs.
 */
class CoordinatorKillTest {
    static final String EXPERIMENT = """
            {
              "name": "killpg",
              "config": {"max_rows": 1200, "features": ["log_return_1"], "time_steps": 8, "units": [4],
                         "max_epochs": 4, "batch_size": 16},
              "space": {"params": {"learning_rate": {"type": "float", "low": 0.0001, "high": 0.1, "log": true}}},
              "sampler": "random",
              "pruner": "median",
              "budget": {"max_trials": 40, "max_consecutive_failures": 5},
              "seed": 7
            }
            """;

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();
    private int workers;

    @AfterEach
    void stopLeftovers() {
        for (Process p : started) p.destroyForcibly();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void killingCoordinatorsAndWorkersLosesNoCompletedTrialAndEveryPointEndsOnce() throws Exception {
        String url = PgTestCluster.get().freshDatabase("kill");
        Path exp = Files.writeString(dir.resolve("killpg.json"), EXPERIMENT);
        Process coordinator = main("search", "--experiment", exp.toString(), "--store", url, "--slots", "0",
                "--queue", "6", "--lease-s", "3", "--stale-after-s", "3");
        Process w1 = worker(url), w2 = worker(url);
        try (Store s = StoreFactory.open(url)) {
            await(s, "trials finish with the first coordinator", t -> finished(t) >= 4);

            // 1. the coordinator dies: the workers go on with the queue it left
            Set<Long> done1 = completeIds(s);
            kill(coordinator);
            long finishedAtKill = finished(PastTrials.all(s, "killpg"));
            await(s, "workers train on while no coordinator runs", t -> finished(t) > finishedAtKill);
            Process standby = main("coordinate", "killpg", "--store", url, "--lease-s", "3", "--stale-after-s", "3");

            // 2. a worker dies mid-trial; a new one joins
            long victim = awaitRunningWorker(s, w1, w2);
            Set<Long> done2 = completeIds(s);
            kill(victim == w1.pid() ? w1 : w2);
            Process w3 = worker(url);
            await(s, "the killed worker's trial is reclaimed", t -> t.stream().anyMatch(x -> "worker lost".equals(x.failureReason())));

            // 3. coordinator and a worker die at once; both are restarted
            Set<Long> done3 = completeIds(s);
            kill(standby);
            kill(victim == w1.pid() ? w2 : w1);
            Process resumed = main("search", "--resume", "killpg", "--store", url, "--slots", "0", "--queue", "6",
                    "--lease-s", "3", "--stale-after-s", "3");
            worker(url);
            assertThat(resumed.waitFor(4, TimeUnit.MINUTES)).as("the resumed coordinator finishes the campaign").isTrue();
            assertThat(resumed.exitValue()).as(log("search-resume")).isZero();
            w3.waitFor(30, TimeUnit.SECONDS);

            Campaign c = s.campaign("killpg").orElseThrow();
            assertThat(c.endReason()).contains("trial budget of 40");
            List<Trial> trials = PastTrials.all(s, "killpg");
            assertThat(trials).noneMatch(t -> t.state() == TrialState.RUNNING || t.state() == TrialState.WAITING);
            Set<Long> completeNow = completeIds(s);
            assertThat(completeNow).as("no completed trial lost").containsAll(done1).containsAll(done2).containsAll(done3);

            // follow each sampled point through its re-queued copies: exactly one end that is not "worker lost"
            // or an interruption, and at most one completion
            Map<Long, Trial> byId = new HashMap<>();
            trials.forEach(t -> byId.put(t.id(), t));
            Set<Long> requeued = new HashSet<>();
            for (Trial t : trials) if (t.requeuedFrom() != null) requeued.add(t.requeuedFrom());
            Map<Long, Integer> ends = new HashMap<>(), completions = new HashMap<>();
            for (Trial t : trials) {
                Trial root = t;
                while (root.requeuedFrom() != null) root = byId.get(root.requeuedFrom());
                if (!requeued.contains(t.id())) ends.merge(root.id(), 1, Integer::sum);
                if (t.state() == TrialState.COMPLETE) completions.merge(root.id(), 1, Integer::sum);
                if (t.requeuedFrom() != null) assertThat(t.params()).isEqualTo(byId.get(t.requeuedFrom()).params());
            }
            assertThat(ends).as("sampled points").hasSize(40);
            assertThat(ends.values()).as("each point ends exactly once").containsOnly(1);
            assertThat(completions.values()).as("no point completes twice").containsOnly(1);
            assertThat(trials).filteredOn(t -> "worker lost".equals(t.failureReason())).isNotEmpty();
        }
    }

    private static long finished(List<Trial> trials) {
        return trials.stream().filter(t -> t.state().isFinished()).count();
    }

    private static Set<Long> completeIds(Store s) {
        Set<Long> ids = new HashSet<>();
        for (Trial t : PastTrials.all(s, "killpg")) if (t.state() == TrialState.COMPLETE) ids.add(t.id());
        return ids;
    }

    private void await(Store s, String what, Predicate<List<Trial>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (s.campaign("killpg").isPresent() && condition.test(PastTrials.all(s, "killpg"))) return;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting: " + what + "\n" + log("search") + log("coordinate") + log("worker-1"));
    }

    /** The pid of a live worker process with a RUNNING trial that has reported an epoch. */
    private long awaitRunningWorker(Store s, Process... candidates) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            for (Trial t : PastTrials.all(s, "killpg")) {
                if (t.state() != TrialState.RUNNING || t.worker() == null || s.epochs(List.of(t.id())).isEmpty()) continue;
                long pid = Long.parseLong(t.worker().substring(t.worker().lastIndexOf("-pid") + 4));
                for (Process p : candidates) if (p.pid() == pid && p.isAlive()) return pid;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no worker was caught mid-trial");
    }

    private static void kill(Process p) throws Exception {
        new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).start().waitFor();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private Process worker(String url) throws IOException {
        // 4 epochs of 150 ms, heartbeat every 300 ms, exit after 60 s with nothing to do
        return java("worker-" + (++workers), SimulatedWorker.class.getName(), url, "killpg", "4", "150", "60000", "300");
    }

    private Process main(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(Main.class.getName()));
        all.addAll(List.of(args));
        return java(args[0] + (args[0].equals("search") && List.of(args).contains("--resume") ? "-resume" : ""),
                all.toArray(String[]::new));
    }

    private Process java(String name, String... mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(mainAndArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
        started.add(p);
        return p;
    }

    private String log(String name) {
        try {
            Path f = dir.resolve(name + ".log");
            return Files.exists(f) ? "--- " + name + ".log\n" + Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
