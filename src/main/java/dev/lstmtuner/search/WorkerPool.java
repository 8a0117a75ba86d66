package dev.lstmtuner.search;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Local worker processes, one per device slot. Child processes keep native memory (ND4J) and crashes of one trial
 * away from the others; a worker that dies is replaced while the campaign runs, and its trial is reclaimed through
 * its stale heartbeat. Each worker's output goes to its own log file.
 */
public final class WorkerPool implements AutoCloseable {
    private final List<String> workerCommand;
    private final int slots;
    private final int threadsPerWorker;
    private final Path logDir;
    private final PrintWriter out;
    private final Process[] processes;
    private final int[] starts;

    /**
     * @param workerCommand the command that starts one worker, without the --worker-id argument
     */
    public WorkerPool(List<String> workerCommand, int slots, int threadsPerWorker, Path logDir, PrintWriter out) {
        this.workerCommand = List.copyOf(workerCommand);
        this.slots = slots;
        this.threadsPerWorker = threadsPerWorker;
        this.logDir = logDir;
        this.out = out;
        this.processes = new Process[slots];
        this.starts = new int[slots];
    }

    /** Starts missing workers and replaces dead ones. */
    public void ensureRunning() {
        for (int i = 0; i < slots; i++) {
            Process p = processes[i];
            if (p != null && p.isAlive()) continue;
            if (p != null) {
                out.printf("worker %d exited with code %d; starting a replacement (its trial is reclaimed by heartbeat)%n",
                        i + 1, p.exitValue());
                out.flush();
            }
            processes[i] = start(i);
        }
    }

    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (Process p : processes) if (p != null && p.isAlive()) pids.add(p.pid());
        return pids;
    }

    public int alive() {
        int n = 0;
        for (Process p : processes) if (p != null && p.isAlive()) n++;
        return n;
    }

    private Process start(int slot) {
        try {
            Files.createDirectories(logDir);
            List<String> cmd = new ArrayList<>(workerCommand);
            cmd.add("--worker-id");
            cmd.add(ProcessHandle.current().pid() + "-w" + (slot + 1) + (starts[slot] > 0 ? "." + starts[slot] : ""));
            starts[slot]++;
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("worker-" + (slot + 1) + ".log").toFile()));
            pb.environment().put("OMP_NUM_THREADS", String.valueOf(threadsPerWorker));
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process: " + e.getMessage(), e);
        }
    }

    /** Asks every worker to stop (SIGTERM: each re-queues its running trial), then waits, then kills stragglers. */
    @Override
    public void close() {
        for (Process p : processes) if (p != null && p.isAlive()) p.destroy();
        for (Process p : processes) {
            if (p == null) continue;
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
