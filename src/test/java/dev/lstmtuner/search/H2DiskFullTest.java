package dev.lstmtuner.search;

import dev.lstmtuner.cli.Main;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An H2 store file on a disk that fills up in the middle of a campaign and frees 8 s later (a small tmpfs the test
 * mounts, filled by a file of its own): the search and its worker ride it out as a store outage (said once when it
 * begins and once when it ends, retried, no trial FAILED for it), every trial recorded before the disk filled is
 * still there as it was, and the campaign finishes its budget once space frees. Skipped, saying so, where the test
 * cannot mount a file system (it needs root).
 */
class H2DiskFullTest {
    private static final String EXPERIMENT = """
            {
              "name": "diskfull",
              "config": {"max_rows": 1200, "features": ["log_return_1"], "time_steps": 8, "units": [4],
                         "max_epochs": 4, "batch_size": 16},
              "space": {"params": {"learning_rate": {"type": "float", "low": 0.0001, "high": 0.1, "log": true}}},
              "sampler": "random",
              "pruner": "none",
              "budget": {"max_trials": 14, "max_consecutive_failures": 2},
              "seed": 13
            }
            """;

    @TempDir
    Path dir;
    private Path disk;
    private Process worker;

    @AfterEach
    void unmount() throws Exception {
        if (worker != null) worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (disk != null) sh("umount", "-l", disk.toString());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aSearchRidesOutItsDiskFillingAndLosesNothingItRecorded() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("disk"));
        if (sh("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString()) != 0) {
            Assumptions.abort("disk-full test skipped: `mount -t tmpfs` was refused here (it needs root or "
                    + "CAP_SYS_ADMIN); CI runs it as root");
        }
        disk = mount;
        String store = disk.resolve("store").toString();
        Path exp = Files.writeString(dir.resolve("diskfull.json"), EXPERIMENT);
        StringWriter out = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread search = new Thread(() -> code.set(Main.run(new PrintWriter(out, true), new PrintWriter(out, true),
                "search", "--experiment", exp.toString(), "--store", store, "--slots", "0", "--queue", "2",
                "--lease-s", "3", "--stale-after-s", "10", "--store-outage-s", "120")));
        search.start();
        // 4 epochs of 200 ms, heartbeat every 300 ms; the same file through AUTO_SERVER
        worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SimulatedWorker.class.getName(), StoreFactory.jdbcUrl(store), "diskfull", "4", "200", "90000", "300")
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();

        Map<Long, TrialState> recorded = new HashMap<>();
        try (Store s = StoreFactory.open(store)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (finished(s).size() < 4) {
                assertThat(System.nanoTime()).as("trials finish before the disk fills\n" + out + log())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            for (Trial t : finished(s)) recorded.put(t.id(), t.state());
        }
        Path filler = disk.resolve("filler");
        fill(filler);
        Thread.sleep(8000);
        assertThat(search.isAlive()).as("the search waits while the disk is full\n" + out).isTrue();
        Files.delete(filler);

        search.join(TimeUnit.MINUTES.toMillis(2));
        String said = out.toString();
        assertThat(code.get()).as(said + log()).isZero();
        assertThat(said).contains("campaign diskfull ended: trial budget of 14 reached")
                .containsPattern("store \\S+ unreachable since .*retrying for up to 120 s")
                .containsPattern("store \\S+ back after [0-9.]+ s");
        try (Store s = StoreFactory.open(store)) {
            List<Trial> trials = PastTrials.all(s, "diskfull");
            Map<Long, TrialState> now = new HashMap<>();
            for (Trial t : trials) now.put(t.id(), t.state());
            assertThat(now).as("what was recorded before the disk filled is kept").containsAllEntriesOf(recorded);
            CampaignLedger.assertEveryPointEndsOnce(trials, 14);
        }
    }

    private static List<Trial> finished(Store s) {
        if (s.campaign("diskfull").isEmpty()) return List.of();
        List<Trial> done = new ArrayList<>();
        for (Trial t : PastTrials.all(s, "diskfull")) if (t.state().isFinished()) done.add(t);
        return done;
    }

    /** Writes {@code filler} until the disk has no space left. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream o = Files.newOutputStream(filler)) {
            while (true) o.write(block);
        } catch (IOException noSpaceLeft) {
            assertThat(Files.getFileStore(filler).getUsableSpace()).as("the disk is full").isLessThan(block.length);
        }
    }

    private String log() {
        try {
            return "\n--- worker.log\n" + Files.readString(dir.resolve("worker.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static int sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        return p.exitValue();
    }
}
