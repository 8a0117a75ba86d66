package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.search.device.DevicePlan;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Local worker processes, one per slot of the device plan (its threads, GPU and backend in each one's environment). Child processes keep native memory (ND4J) and crashes of one trial
 * away from the others; a worker that dies is replaced while the campaign runs, and its trial is reclaimed through
 * its stale heartbeat. Each worker's output goes to its own log file.
 */
public final class WorkerPool implements AutoCloseable {
    private static final int EXIT_BAD_INPUT = 2;
    private static final long QUICK_EXIT_NANOS = 15_000_000_000L;
    private static final int MAX_QUICK_FAILURES = 3;
    private final List<String> workerCommand;
    private final int slots;
    private final IntFunction<Map<String, String>> environment;
    private final Path logDir;
    private final PrintWriter out;
    private final Process[] processes;
    private final int[] starts;
    private final long[] startedAt;
    private final int[] quickFailures;
    private final long[] logOffset;

    /**
     * @param workerCommand the command that starts one worker, without the --worker-id argument
     */
    public WorkerPool(List<String> workerCommand, int slots, int threadsPerWorker, Path logDir, PrintWriter out) {
        this(workerCommand, slots, slot -> Map.of("OMP_NUM_THREADS", String.valueOf(threadsPerWorker)), logDir, out);
    }

    /** One worker per slot of {@code plan}, each with its slot's environment (threads, GPU, backend, the plan). */
    public WorkerPool(List<String> workerCommand, DevicePlan plan, Path logDir, PrintWriter out) {
        this(workerCommand, plan.workers(), plan::environment, logDir, out);
    }

    private WorkerPool(List<String> workerCommand, int slots, IntFunction<Map<String, String>> environment, Path logDir,
                       PrintWriter out) {
        this.workerCommand = List.copyOf(workerCommand);
        this.slots = slots;
        this.environment = environment;
        this.logDir = logDir;
        this.out = out;
        this.processes = new Process[slots];
        this.starts = new int[slots];
        this.startedAt = new long[slots];
        this.quickFailures = new int[slots];
        this.logOffset = new long[slots];
    }

    /**
     * Starts missing workers and replaces dead ones; never more than the slots the campaign asked for. A worker
     * that exits with code 2 (bad input: it cannot open the store, the campaign is missing) would fail the same way
     * again, and so would one that keeps dying within seconds of its start: either stops the campaign at once with
     * that worker's own error.
     */
    public void ensureRunning() {
        for (int i = 0; i < slots; i++) {
            Process p = processes[i];
            if (p != null && p.isAlive()) continue;
            if (p != null) {
                int code = p.exitValue();
                boolean quick = System.nanoTime() - startedAt[i] < QUICK_EXIT_NANOS;
                quickFailures[i] = quick && code != 0 ? quickFailures[i] + 1 : 0;
                if (code == EXIT_BAD_INPUT || quickFailures[i] >= MAX_QUICK_FAILURES) {
                    throw new BadInputException("worker " + (i + 1) + " could not run (exit code " + code
                            + (code == EXIT_BAD_INPUT ? "" : ", " + quickFailures[i] + " times within seconds of its start")
                            + "): " + lastError(i) + " (worker log: " + log(i) + ")");
                }
                out.printf("worker %d exited with code %d; starting a replacement (its trial is reclaimed by heartbeat)%n",
                        i + 1, code);
                out.flush();
            }
            processes[i] = start(i);
            startedAt[i] = System.nanoTime();
        }
    }

    private Path log(int slot) {
        return logDir.resolve("worker-" + (slot + 1) + ".log");
    }

    /** The worker's own last error line ("error: ..."), else its last line, from what it wrote since its start. */
    private String lastError(int slot) {
        Path log = log(slot);
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(logOffset[slot], f.length() - 64 * 1024);
            byte[] tail = new byte[(int) Math.max(0, f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            String error = null, last = "it printed nothing";
            for (String line : new String(tail, StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("error: ")) error = line.substring("error: ".length()).strip();
                if (!line.isBlank()) last = line.strip();
            }
            return error != null ? error : last;
        } catch (IOException e) {
            return "its log cannot be read (" + e.getMessage() + ")";
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
            logOffset[slot] = Files.exists(log(slot)) ? Files.size(log(slot)) : 0;
            List<String> cmd = new ArrayList<>(workerCommand);
            cmd.add("--worker-id");
            cmd.add(ProcessHandle.current().pid() + "-w" + (slot + 1) + (starts[slot] > 0 ? "." + starts[slot] : ""));
            starts[slot]++;
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(slot).toFile()));
            pb.environment().putAll(environment.apply(slot));
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process: " + e.getMessage(), e);
        }
    }

    /**
     * Asks every worker to stop (SIGTERM: each re-queues its running trial) without waiting: for a shutdown hook.
     * This process may be the one serving the store to them; waiting would keep the file from the worker that
     * must take it over to record its interrupted trial.
     */
    public void signalStop() {
        for (Process p : processes) if (p != null && p.isAlive()) p.destroy();
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
