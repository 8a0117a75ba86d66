package dev.lstmtuner.cli;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a {@code search} stopped by SIGTERM or Ctrl-C says before it exits: which of the trials that were running its
 * workers re-queued, and the command that continues the campaign.
 */
final class StopReport {
    /** Long enough for a worker to write its interruption; short enough for a shutdown. */
    private static final long WORKERS_WAIT_MS = 20_000;
    /** How long a stopping search waits for an unreachable store to answer what it asks here. */
    static final Duration SHUTDOWN_OUTAGE = Duration.ofSeconds(5);

    private StopReport() {
    }

    static void print(Store store, String url, String campaign, List<Trial> running, List<Long> workerPids,
                      String resume, PrintWriter out) {
        StringBuilder line = new StringBuilder("search of campaign " + campaign + " stopped (SIGTERM or Ctrl-C): ");
        List<String> labels = running.stream().map(Trial::label).toList();
        if (running.isEmpty()) {
            line.append("no trial was running");
        } else if (!url.startsWith("jdbc:postgresql:")) {
            // this process may serve the H2 file to its workers: waiting for them would keep it from the one that
            // takes it over to record its interruption
            line.append("its workers re-queue the trials that were running (").append(String.join(", ", labels))
                    .append(")");
        } else {
            awaitExit(workerPids);
            List<String> requeued = new ArrayList<>();
            List<String> left = new ArrayList<>();
            for (Trial t : running) {
                TrialState now;
                try {
                    now = store.trial(t.id()).map(Trial::state).orElse(TrialState.RUNNING);
                } catch (RuntimeException storeGone) {
                    now = TrialState.RUNNING;
                }
                (now == TrialState.RUNNING ? left : requeued).add(t.label());
            }
            line.append(requeued.isEmpty() ? "no trial re-queued"
                    : "re-queued " + String.join(", ", requeued) + " (interrupted; each point is trained again)");
            if (!left.isEmpty()) {
                line.append("; still RUNNING: ").append(String.join(", ", left))
                        .append(" (on workers that go on, or reclaimed once their heartbeat is stale)");
            }
        }
        line.append("; continue with `").append(resume).append("`");
        out.println();
        out.println(line);
        out.flush();
    }

    private static void awaitExit(List<Long> pids) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WORKERS_WAIT_MS);
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> {
                try {
                    p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException stillRunning) {
                    // said as still RUNNING
                }
            });
        }
    }
}
