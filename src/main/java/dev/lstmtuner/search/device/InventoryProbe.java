package dev.lstmtuner.search.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Reads this machine's {@link Inventory}: physical cores from the /sys CPU topology, the CPU quota and memory limit
 * from the cgroup (v2 cpu.max and memory.max, else v1 cpu.cfs_quota_us and memory.limit_in_bytes), MemTotal from
 * /proc/meminfo, and the GPUs from CUDA_VISIBLE_DEVICES or nvidia-smi when the CUDA backend is on the classpath.
 * The roots are parameters so tests read a fake machine.
 */
public final class InventoryProbe {
    private static final Pattern CPU_DIR = Pattern.compile("cpu\\d+");

    private InventoryProbe() {
    }

    /** This machine. */
    public static Inventory probe() {
        boolean cuda = cudaBackendPresent();
        List<String> gpus = cuda ? visibleGpus(System.getenv("CUDA_VISIBLE_DEVICES")) : List.of();
        return read(Path.of("/sys"), Path.of("/proc"), gpus, cuda, Runtime.getRuntime().availableProcessors());
    }

    /** A machine whose /sys and /proc are at {@code sys} and {@code proc}. */
    public static Inventory read(Path sys, Path proc, List<String> gpuIds, boolean cuda, int logicalCpus) {
        Path cgroup = sys.resolve("fs/cgroup");
        long memory = memTotal(proc);
        long limit = cgroupMemory(cgroup);
        if (limit > 0 && (memory <= 0 || limit < memory)) memory = limit;
        return new Inventory(gpuIds, cuda, physicalCores(sys.resolve("devices/system/cpu")), logicalCpus,
                cpuQuota(cgroup), memory);
    }

    /** Distinct (physical_package_id, core_id) pairs over the online CPUs; 0 when the topology is not there. */
    static int physicalCores(Path cpuDir) {
        Set<String> cores = new HashSet<>();
        try (DirectoryStream<Path> cpus = Files.newDirectoryStream(cpuDir)) {
            for (Path cpu : cpus) {
                if (!CPU_DIR.matcher(cpu.getFileName().toString()).matches()) continue;
                String online = read(cpu.resolve("online"));
                if ("0".equals(online)) continue;
                String core = read(cpu.resolve("topology/core_id"));
                String pkg = read(cpu.resolve("topology/physical_package_id"));
                if (core != null) cores.add((pkg == null ? "0" : pkg) + ":" + core);
            }
        } catch (IOException e) {
            return 0;
        }
        return cores.size();
    }

    /** The cgroup's CPU quota in CPUs; 0 when unlimited or not readable. */
    static double cpuQuota(Path cgroup) {
        String max = read(cgroup.resolve("cpu.max"));
        if (max != null) {
            String[] f = max.split("\\s+");
            if (f.length == 2 && !f[0].equals("max")) return Double.parseDouble(f[0]) / Double.parseDouble(f[1]);
            return 0;
        }
        String quota = read(cgroup.resolve("cpu/cpu.cfs_quota_us"));
        String period = read(cgroup.resolve("cpu/cpu.cfs_period_us"));
        if (quota != null && period != null && Long.parseLong(quota) > 0) {
            return Double.parseDouble(quota) / Double.parseDouble(period);
        }
        return 0;
    }

    /** The cgroup's memory limit in bytes; 0 when unlimited or not readable. */
    static long cgroupMemory(Path cgroup) {
        String max = read(cgroup.resolve("memory.max"));
        if (max == null) max = read(cgroup.resolve("memory/memory.limit_in_bytes"));
        if (max == null || max.equals("max")) return 0;
        long v = Long.parseLong(max);
        return v >= Long.MAX_VALUE / 2 ? 0 : v;   // v1 writes a huge number for "no limit"
    }

    static long memTotal(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    static boolean cudaBackendPresent() {
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, InventoryProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The GPUs CUDA_VISIBLE_DEVICES names, else those nvidia-smi lists (as 0..n-1). */
    static List<String> visibleGpus(String visible) {
        List<String> ids = new ArrayList<>();
        if (visible != null && !visible.isBlank()) {
            for (String id : visible.split(",")) if (!id.isBlank()) ids.add(id.strip());
            return ids;
        }
        try {
            Process p = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return ids;
            long n = out.lines().filter(l -> l.startsWith("GPU ")).count();
            for (int i = 0; i < n; i++) ids.add(String.valueOf(i));
        } catch (IOException e) {
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ids;
    }
}
