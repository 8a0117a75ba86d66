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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code search} on PostgreSQL stopped by SIGTERM (as Ctrl-C stops it) while its worker trains: before it exits it
 * says which trial its worker re-queued and the command that continues the campaign, and the store holds that
 * trial as interrupted with a WAITING copy of its point.
 */
class SearchStopMessageTest {
    private static final String EXPERIMENT = """
            {
              "name": "stop",
              "config": {"max_rows": 1200, "features": ["log_return_1"], "time_steps": 8, "units": [4],
                         "dense_units": 0, "max_epochs": 500, "patience": 0, "batch_size": 32},
              "space": {"params": {"learning_rate": {"type": "float", "low": 0.001, "high": 0.01, "log": true}}},
              "sampler": "random",
              "pruner": "none",
              "budget": {"max_trials": 2},
              "seed": 5
            }
            """;

    @TempDir
    Path dir;
    private Process search;

    @AfterEach
    void stopLeftovers() {
        if (search != null) search.destroyForcibly();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void sigtermSaysWhatWasReQueuedAndHowToResume() throws Exception {
        String url = PgTestCluster.get().freshDatabase("stop");
        Path exp = Files.writeString(dir.resolve("stop.json"), EXPERIMENT);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "search",
                "--experiment", exp.toString(), "--store", url, "--slots", "1", "--heartbeat-ms", "300",
                "--artifacts", dir.resolve("artifacts").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("search.log").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        search = pb.start();
        try (Store s = StoreFactory.open(url)) {
            Trial running = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (running == null) {
                assertThat(System.nanoTime()).as("a trial trains\n" + log()).isLessThan(deadline);
                Thread.sleep(100);
                if (s.campaign("stop").isEmpty()) continue;
                Optional<Trial> t = PastTrials.all(s, "stop").stream().filter(x -> x.state() == TrialState.RUNNING
                        && !s.epochs(List.of(x.id())).isEmpty()).findFirst();
                running = t.orElse(null);
            }
            new ProcessBuilder("kill", "-TERM", String.valueOf(search.pid())).start().waitFor();
            assertThat(search.waitFor(60, TimeUnit.SECONDS)).as("the search stops\n" + log()).isTrue();

            assertThat(log()).contains("search of campaign stop stopped (SIGTERM or Ctrl-C): re-queued "
                    + running.label() + " (interrupted; each point is trained again)")
                    .contains("continue with `lstm-tuner search --resume stop --store '" + url + "'`");
            Trial ended = s.trial(running.id()).orElseThrow();
            assertThat(ended.state()).isEqualTo(TrialState.FAILED);
            assertThat(ended.failureReason()).startsWith("interrupted");
            long id = running.id();
            Trial copy = PastTrials.all(s, "stop").stream().filter(t -> Long.valueOf(id).equals(t.requeuedFrom()))
                    .findFirst().orElseThrow();
            assertThat(copy.state()).isEqualTo(TrialState.WAITING);
            assertThat(copy.params()).isEqualTo(running.params());
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("search.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
