package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workers that cannot run stop the campaign within seconds with their own error, instead of being replaced forever. */
class WorkerPoolTest {
    @TempDir
    Path dir;

    private static void spin(WorkerPool pool, long seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            pool.ensureRunning();
            Thread.sleep(100);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWorkerThatExitsWithBadInputStopsTheCampaignWithItsOwnError() {
        List<String> cmd = List.of("bash", "-c", "echo 'store opened? no'; echo 'error: the experiment store /x.mv.db "
                + "is locked by another process'; exit 2", "worker");
        try (WorkerPool pool = new WorkerPool(cmd, 2, 1, dir, new PrintWriter(new StringWriter()))) {
            assertThatThrownBy(() -> spin(pool, 20)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("worker 1 could not run (exit code 2)")
                    .hasMessageContaining("is locked by another process")
                    .hasMessageContaining("worker-1.log");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWorkerThatKeepsCrashingAtStartStopsTheCampaign() {
        List<String> cmd = List.of("bash", "-c", "echo 'Error: could not find or load main class'; exit 1", "worker");
        StringWriter out = new StringWriter();
        try (WorkerPool pool = new WorkerPool(cmd, 1, 1, dir, new PrintWriter(out))) {
            assertThatThrownBy(() -> spin(pool, 20)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("3 times within seconds of its start")
                    .hasMessageContaining("could not find or load main class");
        }
        assertThat(out.toString()).contains("starting a replacement");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void neverMoreWorkersThanSlots() throws Exception {
        try (WorkerPool pool = new WorkerPool(List.of("bash", "-c", "sleep 30", "worker"), 2, 1, dir, new PrintWriter(new StringWriter()))) {
            for (int i = 0; i < 5; i++) pool.ensureRunning();
            assertThat(pool.alive()).isEqualTo(2);
            assertThat(pool.pids()).hasSize(2);
        }
    }
}
