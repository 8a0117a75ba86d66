package dev.lstmtuner.search;

import dev.lstmtuner.cli.Main;
import dev.lstmtuner.result.TrialState;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code lstm-tuner worker} paused (SIGSTOP) in the middle of a trial for longer than the stale limit, so the
 * coordinator reclaims its trial, then resumed (SIGCONT): it says in one line that it dropped the trial, claims the
 * next, and the campaign ends with every point trained exactly once.
 */
class ZombieWorkerTest {
    private static final String EXPERIMENT = """
            {
              "name": "zombie",
              "config": {"max_rows": 1200, "features": ["log_return_1"], "time_steps": 8, "units": [4],
                         "dense_units": 0, "max_epochs": 30, "patience": 0, "batch_size": 32},
              "space": {"params": {"learning_rate": {"type": "float", "low": 0.001, "high": 0.01, "log": true}}},
              "sampler": "random",
              "pruner": "none",
              "budget": {"max_trials": 3},
              "seed": 5
            }
            """;

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopLeftovers() {
        for (Process p : started) p.destroyForcibly();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aPausedWorkerWhoseTrialWasReclaimedDropsItAndGoesOn() throws Exception {
        String url = PgTestCluster.get().freshDatabase("zombie");
        Path exp = Files.writeString(dir.resolve("zombie.json"), EXPERIMENT);
        Process search = java("search", "search", "--experiment", exp.toString(), "--store", url, "--slots", "0",
                "--queue", "1", "--lease-s", "3", "--stale-after-s", "3");
        try (Store s = StoreFactory.open(url)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (s.campaign("zombie").isEmpty()) {
                assertThat(System.nanoTime()).as("the campaign starts\n" + log("search")).isLessThan(deadline);
                Thread.sleep(100);
            }
            Process worker = java("worker", "worker", "--store", url, "--campaign", "zombie", "--heartbeat-ms", "300",
                    "--artifacts", dir.resolve("artifacts").toString(), "--idle-exit-s", "60");
            Trial victim = await(s, "a trial reports its first epoch", t -> t.state() == TrialState.RUNNING
                    && !s.epochs(List.of(t.id())).isEmpty());
            signal("STOP", worker);
            await(s, "the paused worker's trial is reclaimed",
                    t -> t.id() == victim.id() && "worker lost".equals(t.failureReason()));
            signal("CONT", worker);

            assertThat(search.waitFor(4, TimeUnit.MINUTES)).as("the campaign ends").isTrue();
            assertThat(search.exitValue()).as(log("search")).isZero();
            assertThat(worker.waitFor(90, TimeUnit.SECONDS)).as("the worker stops when the campaign ends").isTrue();
            String workerLog = log("worker");
            assertThat(worker.exitValue()).as(workerLog).isZero();
            assertThat(workerLog).contains("trial zombie/" + victim.number() + " re-queued: dropped")
                    .doesNotContain("Exception in thread").doesNotContain("at dev.lstmtuner");
            List<Trial> trials = PastTrials.all(s, "zombie");
            assertThat(trials).filteredOn(t -> t.state() == TrialState.COMPLETE).hasSize(3);
            CampaignLedger.assertEveryPointEndsOnce(trials, 3);
        }
    }

    private Trial await(Store s, String what, Predicate<Trial> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (s.campaign("zombie").isPresent()) {
                for (Trial t : PastTrials.all(s, "zombie")) if (condition.test(t)) return t;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting: " + what + "\n" + log("search") + log("worker"));
    }

    private static void signal(String name, Process p) throws Exception {
        new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).start().waitFor();
    }

    private Process java(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
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
