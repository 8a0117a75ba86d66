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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign on a PostgreSQL server of the test's own, with a coordinator process and two simulated worker
 * processes (no DL4J, so it is quick), while the server first restarts cleanly ({@code pg_ctl restart -m fast}) and
 * then crashes (kill -9 of every server process) and comes back 15 s later: the same {@code search} process finishes
 * its budget, each outage is said in one line when it begins and one when it ends, every sampled point ends exactly
 * once, and no trial is FAILED for the store's fault.
 */
class DatabaseOutageTest {
    private static final String EXPERIMENT = """
            {
              "name": "outage",
              "config": {"max_rows": 1200, "features": ["log_return_1"], "time_steps": 8, "units": [4],
                         "max_epochs": 4, "batch_size": 16},
              "space": {"params": {"learning_rate": {"type": "float", "low": 0.0001, "high": 0.1, "log": true}}},
              "sampler": "random",
              "pruner": "none",
              "budget": {"max_trials": 24, "max_consecutive_failures": 3},
              "seed": 11
            }
            """;
    private static final Pattern LOST = Pattern.compile("store \\S+ unreachable since \\S+ \\(.*\\), retrying for up to \\d+ s");
    private static final Pattern BACK = Pattern.compile("store \\S+ back after ([0-9.]+) s");

    /** How long the crashed server stays down: 15 s here, longer from bench/store-faults.sh. */
    private static final long DOWN_S = Long.getLong("lstmtuner.faults.downS", 15);
    private static final long BUDGET_S = Math.max(120, DOWN_S + 60);

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopLeftovers() {
        for (Process p : started) p.destroyForcibly();
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theSameSearchRidesOutACleanRestartAndACrashOfItsServer() throws Exception {
        PgTestCluster server = PgTestCluster.startPrivate();
        String url = server.freshDatabase("outage");
        Path exp = Files.writeString(dir.resolve("outage.json"), EXPERIMENT);
        Process search = java("search", Main.class.getName(), "search", "--experiment", exp.toString(), "--store", url,
                "--slots", "0", "--queue", "4", "--lease-s", "3", "--stale-after-s", "8", "--store-outage-s", String.valueOf(BUDGET_S));
        // 4 epochs of 250 ms, heartbeat every 300 ms, exit after a minute past the outage with nothing to do
        for (int i = 1; i <= 2; i++) {
            java("worker-" + i, SimulatedWorker.class.getName(), url, "outage", "4", "250",
                    String.valueOf((DOWN_S + 60) * 1000), "300");
        }
        try (Store s = StoreFactory.open(url)) {
            s.tolerateOutages(Duration.ofSeconds(BUDGET_S), line -> { });
            await(s, "trials finish before the restart", t -> finished(t) >= 3);

            server.restartFast();
            long atRestart = finished(PastTrials.all(s, "outage"));
            await(s, "trials finish after the clean restart", t -> finished(t) >= atRestart + 3);

            server.killHard();
            Thread.sleep(DOWN_S * 1000);
            server.startAgain();

            boolean ended = search.waitFor(180 + DOWN_S, TimeUnit.SECONDS);
            assertThat(ended).as("the same search finishes its budget\n" + log("search") + log("worker-1")
                    + log("worker-2") + PastTrials.all(s, "outage").stream().map(t -> t.label() + " " + t.state()
                    + " " + t.failureReason()).toList()).isTrue();
            String searchLog = log("search");
            assertThat(search.exitValue()).as(searchLog).isZero();
            assertThat(searchLog).contains("campaign outage ended: trial budget of 24 reached");
            // the crash (15 s down) is said once when it begins and once when it ends; the clean restart at most
            // the same two lines (when a step met a connection it had ended), with a short gap
            List<Double> gaps = new ArrayList<>();
            Matcher back = BACK.matcher(searchLog);
            while (back.find()) gaps.add(Double.parseDouble(back.group(1)));
            assertThat(gaps).as(searchLog).filteredOn(g -> g >= DOWN_S * 0.6).hasSize(1);
            assertThat(gaps).filteredOn(g -> g < DOWN_S * 0.6).hasSizeLessThanOrEqualTo(1);
            assertThat(count(LOST, searchLog)).as("one line when lost for each line when back").isEqualTo(gaps.size());
            assertThat(searchLog).doesNotContain("Exception").doesNotContain("\tat ");
            CampaignLedger.assertEveryPointEndsOnce(PastTrials.all(s, "outage"), 24);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anOutagePastItsBudgetStopsWithExit2SayingWhatToCheckAndHowToResume() throws Exception {
        PgTestCluster server = PgTestCluster.startPrivate();
        String url = server.freshDatabase("outage");
        Path exp = Files.writeString(dir.resolve("outage.json"), EXPERIMENT);
        Process search = java("search", Main.class.getName(), "search", "--experiment", exp.toString(), "--store", url,
                "--slots", "0", "--queue", "4", "--lease-s", "3", "--store-outage-s", "5");
        try (Store s = StoreFactory.open(url)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (s.campaign("outage").isEmpty() || s.countByState("outage").get(TrialState.WAITING) == 0) {
                assertThat(System.nanoTime()).as("the campaign starts\n" + log("search")).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        server.killHard();
        assertThat(search.waitFor(90, TimeUnit.SECONDS)).as("the search gives up after its budget").isTrue();
        String searchLog = log("search");
        assertThat(search.exitValue()).as(searchLog).isEqualTo(2);
        assertThat(count(Pattern.compile("unreachable since .*retrying for up to 5 s"), searchLog)).isEqualTo(1);
        assertThat(searchLog).contains("has been unreachable for more than 5 s")
                .contains("check that the PostgreSQL server is running")
                .contains("continue with `lstm-tuner search --resume outage --store '" + url + "'`")
                .doesNotContain("check the disk").doesNotContain("\tat ");
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static long finished(List<Trial> trials) {
        return trials.stream().filter(t -> t.state().isFinished()).count();
    }

    private void await(Store s, String what, Predicate<List<Trial>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (s.campaign("outage").isPresent() && condition.test(PastTrials.all(s, "outage"))) return;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting: " + what + "\n" + log("search") + log("worker-1"));
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
