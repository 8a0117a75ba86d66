package dev.lstmtuner.search.device;

import java.util.List;

/**
 * What a machine offers the workers.
 *
 * @param gpuIds         the GPUs the CUDA backend can use, as CUDA_VISIBLE_DEVICES names them (none without it)
 * @param cudaBackend    whether the CUDA backend is on the classpath (the {@code cuda} Maven profile)
 * @param physicalCores  distinct (package, core) pairs of the online CPUs in the /sys topology; 0 when unknown
 * @param logicalCpus    the CPUs the JVM sees
 * @param cpuQuota       the cgroup's CPU quota in CPUs (cpu.max), 0 when unlimited or unknown
 * @param memoryBytes    the memory the workers may use: the smaller of MemTotal and the cgroup's memory.max
 */
public record Inventory(List<String> gpuIds, boolean cudaBackend, int physicalCores, int logicalCpus, double cpuQuota,
                        long memoryBytes) {

    public Inventory {
        gpuIds = List.copyOf(gpuIds);
    }

    public int gpus() {
        return gpuIds.size();
    }

    /** The CPUs workers can keep busy: the physical cores (hyper-threads add little to BLAS), capped by the quota. */
    public int usableCpus() {
        int cores = physicalCores > 0 ? physicalCores : logicalCpus;
        if (cpuQuota > 0) cores = Math.min(cores, (int) Math.floor(cpuQuota));
        return Math.max(1, cores);
    }
}
