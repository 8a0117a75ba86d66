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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A network partition: the workers in two {@link NetworkNamespaces} lose their link to the database in the middle
 * of a trial each, for longer than the stale limit. The coordinator reclaims both trials and a worker on this side
 * of the cut takes the re-queued copies; then the links come back, and the returning workers drop their lost trials
 * (nothing they write lands) and go on claiming. Judged from the store: every point ends exactly once, and no trial
 * is FAILED but as a lost worker's (re-queued).
 */
class PartitionTest {
    private static final int TRIALS = 16;
    private static final String STALE_S = "3";

    @TempDir
    Path dir;
    private NetworkNamespaces namespaces;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : started) p.destroyForcibly();
        if (namespaces != null) namespaces.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void workersCutOffPastTheStaleLimitComeBackDropTheirReclaimedTrialsAndGoOn() throws Exception {
        PgTestCluster cluster = PgTestCluster.get();
        int port = NetworkNamespaces.serverPort(cluster, "partition test");
        namespaces = NetworkNamespaces.create(2, 232, "partition test");
        NetworkNamespaces.Login login = namespaces.login(cluster, port, "partition");
        String local = login.url("127.0.0.1");

        Path exp = Files.writeString(dir.resolve("partition.json"), CoordinatorKillTest.EXPERIMENT
                .replace("\"killpg\"", "\"partition\"").replace("\"max_trials\": 40", "\"max_trials\": " + TRIALS));
        StringWriter out = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread coordinator = new Thread(() -> code.set(Main.run(new PrintWriter(out, true), new PrintWriter(out, true),
                "search", "--experiment", exp.toString(), "--store", local, "--slots", "0", "--queue", "1",
                "--lease-s", "3", "--stale-after-s", STALE_S)));
        coordinator.start();
        // 5 epochs of 400 ms, heartbeat every 300 ms
        String[] cutOff = new String[2];
        for (int i = 0; i < 2; i++) {
            Process p = namespaces.java(i, dir.resolve("ns" + i + ".log"), SimulatedWorker.class.getName(),
                    login.url(namespaces.hostAddress(i)),
                    "partition", "5", "400", "60000", "300");
            cutOff[i] = "sim-pid" + p.pid();
        }
        Process here = hereWorker(local);
        String hereName = "sim-pid" + here.pid();

        try (Store s = StoreFactory.open(local)) {
            await(s, out, "both namespaces' workers are in the middle of a trial",
                    all -> running(all, cutOff[0]).isPresent() && running(all, cutOff[1]).isPresent());
            namespaces.cut(0);
            namespaces.cut(1);
            long cutAt = System.nanoTime();
            Thread.sleep(1000); // what was on the wire has landed or is lost: the trials they hold stay theirs
            List<Trial> now = PastTrials.all(s, "partition");
            Trial[] lost = {running(now, cutOff[0]).orElseThrow(), running(now, cutOff[1]).orElseThrow()};
            for (Trial victim : lost) {
                await(s, out, "trial " + victim.label() + " is reclaimed and its copy taken on this side of the cut",
                        all -> all.stream().anyMatch(t -> Long.valueOf(victim.id()).equals(t.requeuedFrom())
                                && hereName.equals(t.worker())));
            }
            double cutS = (System.nanoTime() - cutAt) / 1e9;
            namespaces.restore(0);
            namespaces.restore(1);

            coordinator.join(TimeUnit.MINUTES.toMillis(3));
            assertThat(code.get()).as(out + log("ns0") + log("ns1") + log("here")).isZero();
            assertThat(cutS).as("the links were cut for longer than the stale limit")
                    .isGreaterThan(Double.parseDouble(STALE_S));
            List<Trial> trials = PastTrials.all(s, "partition");
            for (int i = 0; i < 2; i++) {
                Trial victim = lost[i];
                String worker = cutOff[i];
                assertThat(trials).filteredOn(t -> t.id() == victim.id()).singleElement()
                        .satisfies(t -> assertThat(t.failureReason()).isEqualTo("worker lost"));
                int after = victim.number();
                assertThat(trials).as("namespace " + i + "'s worker went on after the partition\n" + log("ns" + i))
                        .anyMatch(t -> worker.equals(t.worker()) && t.number() > after
                                && (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED));
                assertThat(log("ns" + i)).as("it dropped the lost trial")
                        .contains(worker + " " + victim.label() + " LOST");
            }
            assertThat(trials).filteredOn(t -> t.state() == TrialState.FAILED)
                    .allMatch(t -> "worker lost".equals(t.failureReason()));
            CampaignLedger.assertEveryPointEndsOnce(trials, TRIALS);
        }
    }

    private Process hereWorker(String url) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SimulatedWorker.class.getName(), url, "partition", "5", "400", "60000", "300");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("here.log").toFile()).start();
        started.add(p);
        return p;
    }

    private static Optional<Trial> running(List<Trial> trials, String worker) {
        return trials.stream().filter(t -> t.state() == TrialState.RUNNING && worker.equals(t.worker())).findFirst();
    }

    private void await(Store s, StringWriter out, String what, Predicate<List<Trial>> condition)
            throws InterruptedException {
        // past idle_in_transaction_session_timeout (60 s): a cut between a statement and its COMMIT leaves the row
        // locked on the server until then, and reclaim skips locked rows
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(80);
        while (System.nanoTime() < deadline) {
            if (s.campaign("partition").isPresent() && condition.test(PastTrials.all(s, "partition"))) return;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting: " + what + "\n" + out + log("ns0") + log("ns1") + log("here"));
    }

    private String log(String name) {
        try {
            Path f = dir.resolve(name + ".log");
            return Files.exists(f) ? "\n--- " + name + ".log\n" + Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
