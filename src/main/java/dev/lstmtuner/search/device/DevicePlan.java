package dev.lstmtuner.search.device;

import dev.lstmtuner.config.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many workers run, on what, with how many threads, and what memory they may take against what the machine has.
 *
 * @param kind      "cpu" or "gpu"
 * @param workers   worker processes (0: this process only samples)
 * @param threads   threads per worker (OpenBLAS and libnd4j)
 * @param gpuIds    for "gpu": the GPU of each worker, in slot order
 * @param memory    the most one worker may take
 * @param inventory what the machine has
 */
public record DevicePlan(String kind, int workers, int threads, List<String> gpuIds, WorkerMemory memory,
                         Inventory inventory) {
    /** The environment variable through which a worker learns the plan it is a slot of (recorded in provenance). */
    public static final String PLAN_ENV = "LSTM_TUNER_DEVICE_PLAN";

    public long memoryNeeded() {
        return workers * memory.perWorker();
    }

    /** One line: the plan and the numbers it rests on. */
    public String describe() {
        String on = "gpu".equals(kind)
                ? "one per GPU (" + String.join(", ", gpuIds) + ")"
                : "on " + inventory.usableCpus() + " usable CPU(s) (" + cpus() + ")";
        return String.format(Locale.ROOT, "%s: %d worker(s) %s, %d thread(s) each; memory %s of %s (%s per worker)",
                kind, workers, on, threads, gb(memoryNeeded()), gb(inventory.memoryBytes()), gb(memory.perWorker()));
    }

    private String cpus() {
        String s = inventory.physicalCores() > 0 ? inventory.physicalCores() + " physical cores"
                : inventory.logicalCpus() + " logical CPUs";
        return inventory.cpuQuota() > 0 ? s + ", cgroup quota " + fmt(inventory.cpuQuota()) : s;
    }

    /** The environment of worker {@code slot} (0-based): its threads, its GPU or none, the backend, the plan. */
    public Map<String, String> environment(int slot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OMP_NUM_THREADS", String.valueOf(threads));
        if ("gpu".equals(kind)) {
            env.put("CUDA_VISIBLE_DEVICES", gpuIds.get(slot));
        } else {
            // a cuda build has both backends; a CPU worker must not take a GPU (ND4J prefers CUDA when it loads)
            env.put("CUDA_VISIBLE_DEVICES", "");
            env.put("BACKEND_PRIORITY_CPU", "100");
            env.put("BACKEND_PRIORITY_GPU", "0");
        }
        env.put(PLAN_ENV, describe());
        return env;
    }

    /**
     * Refuses a plan whose workers may together take more memory than the machine has (exit 2, one line with the
     * numbers and what to change), unless {@code force}.
     */
    public void preflight(boolean force) {
        if (force || inventory.memoryBytes() <= 0 || memoryNeeded() <= inventory.memoryBytes()) return;
        long fit = inventory.memoryBytes() / Math.max(1, memory.perWorker());
        throw new BadInputException(String.format(Locale.ROOT,
                "device plan needs %s of memory: %d worker(s) x %s (heap %s + off-heap %s), but this machine has %s: "
                        + "use --slots %d, or lower -Xmx / -Dorg.bytedeco.javacpp.maxbytes in LSTM_TUNER_JAVA_OPTS, "
                        + "or pass --force",
                gb(memoryNeeded()), workers, gb(memory.perWorker()), gb(memory.heapBytes()), gb(memory.offHeapBytes()),
                gb(inventory.memoryBytes()), Math.max(0, fit)));
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
