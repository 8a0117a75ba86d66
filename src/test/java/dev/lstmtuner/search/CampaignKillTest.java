package dev.lstmtuner.search;

import dev.lstmtuner.cli.Main;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real campaign on tiny models with two worker processes, one of which is killed with SIGKILL in the middle of
 * a trial: the campaign must still finish, and every sampled point must end exactly once.
 */
class CampaignKillTest {
    @TempDir
    Path dir;

    static final String EXPERIMENT = """
            {
              "name": "kill",
              "config": {"max_rows": 1200, "features": ["log_return_1", "hl_range", "rsi_14"], "time_steps": 8,
                         "units": [4], "dense_units": 0, "dropout": 0.0, "max_epochs": 12, "patience": 0,
                         "batch_size": 16},
              "space": {"params": {"learning_rate": {"type": "float", "low": 0.001, "high": 0.01, "log": true}}},
              "sampler": "random",
              "pruner": "none",
              "budget": {"max_trials": 4, "max_consecutive_failures": 3},
              "seed": 3
            }
            """;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aWorkerKilledMidTrialLosesNothingAndTheCampaignFinishes() throws Exception {
        Path exp = Files.writeString(dir.resolve("kill.json"), EXPERIMENT);
        String store = dir.resolve("store").toString();
        StringWriter out = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread search = new Thread(() -> code.set(Main.run(new PrintWriter(out, true), new PrintWriter(out, true),
                "search", "--experiment", exp.toString(), "--store", store, "--slots", "2",
                "--artifacts", dir.resolve("artifacts").toString(), "--heartbeat-ms", "300", "--stale-after-s", "3")));
        search.start();

        // wait until a worker is in the middle of a trial (it has reported an epoch), then SIGKILL its process
        long killedPid = -1;
        try (Store s = StoreFactory.open(store)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            while (killedPid < 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                Optional<Trial> running = s.campaign("kill").isEmpty() ? Optional.empty()
                        : PastTrials.all(s, "kill").stream().filter(t -> t.state() == TrialState.RUNNING)
                        .filter(t -> !s.epochs(List.of(t.id())).isEmpty()).findFirst();
                if (running.isEmpty()) continue;
                String worker = running.get().worker();
                long pid = Long.parseLong(worker.substring(worker.lastIndexOf("-pid") + 4));
                Optional<ProcessHandle> victim = ProcessHandle.current().children().filter(p -> p.pid() == pid).findFirst();
                if (victim.isPresent()) {
                    killedPid = victim.get().pid();
                    new ProcessBuilder("kill", "-9", String.valueOf(killedPid)).start().waitFor();
                }
            }
        }
        assertThat(killedPid).as("a worker was killed mid-trial").isPositive();
        search.join(TimeUnit.MINUTES.toMillis(6));
        assertThat(code.get()).as(out.toString()).isZero();

        try (Store s = StoreFactory.open(store)) {
            Campaign c = s.campaign("kill").orElseThrow();
            assertThat(c.endedAt()).isNotNull();
            assertThat(c.endReason()).contains("trial budget of 4");
            List<Trial> trials = PastTrials.all(s, "kill");
            assertThat(trials).noneMatch(t -> t.state() == TrialState.RUNNING || t.state() == TrialState.WAITING);
            List<Trial> lost = trials.stream().filter(t -> "worker lost".equals(t.failureReason())).toList();
            assertThat(lost).as("the killed worker's trial was reclaimed").isNotEmpty();
            // follow each sampled point through its re-queued copies: exactly one finished, non-lost end each
            Map<Long, Trial> byId = new HashMap<>();
            trials.forEach(t -> byId.put(t.id(), t));
            Map<Long, Integer> endsPerDraw = new HashMap<>();
            for (Trial t : trials) {
                if (lost.contains(t)) continue;
                Trial root = t;
                while (root.requeuedFrom() != null) root = byId.get(root.requeuedFrom());
                endsPerDraw.merge(root.id(), 1, Integer::sum);
                if (t.requeuedFrom() != null) assertThat(t.params()).isEqualTo(byId.get(t.requeuedFrom()).params());
            }
            assertThat(endsPerDraw).hasSize(4);
            assertThat(endsPerDraw.values()).containsOnly(1);
            assertThat(trials).filteredOn(t -> t.state() == TrialState.COMPLETE).hasSize(4);
        }
        assertThat(out.toString()).contains("top 10 of").contains("reproduce it:");
    }
}
