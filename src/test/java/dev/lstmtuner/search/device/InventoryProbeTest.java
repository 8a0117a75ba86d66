package dev.lstmtuner.search.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory read from a fake /sys and /proc. */
class InventoryProbeTest {
    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text + "\n");
    }

    /** {@code cores} cores of two hyper-threads each on one package; cpu0 has no "online" file, as on Linux. */
    private void cpus(int cores, int offline) throws IOException {
        for (int cpu = 0; cpu < 2 * cores; cpu++) {
            String dir = "sys/devices/system/cpu/cpu" + cpu;
            write(dir + "/topology/core_id", String.valueOf(cpu % cores));
            write(dir + "/topology/physical_package_id", "0");
            if (cpu > 0) write(dir + "/online", cpu >= 2 * cores - offline ? "0" : "1");
        }
        write("sys/devices/system/cpu/cpufreq/policy0/x", "not a cpu");
        write("proc/meminfo", "MemTotal:       16318480 kB\nMemFree:         1000 kB");
    }

    private Inventory read() {
        return InventoryProbe.read(root.resolve("sys"), root.resolve("proc"), List.of(), false, 32);
    }

    @Test
    void physicalCoresCountCoresNotHyperThreads() throws IOException {
        cpus(16, 0);
        Inventory inv = read();
        assertThat(inv.physicalCores()).isEqualTo(16);
        assertThat(inv.usableCpus()).isEqualTo(16);
        assertThat(inv.memoryBytes()).isEqualTo(16318480L * 1024);
        assertThat(inv.cpuQuota()).isZero();
    }

    @Test
    void theCgroupV2QuotaAndMemoryLimitApply() throws IOException {
        cpus(2, 0);
        write("sys/fs/cgroup/cpu.max", "150000 100000");
        write("sys/fs/cgroup/memory.max", String.valueOf(4L << 30));
        Inventory inv = read();
        assertThat(inv.cpuQuota()).isEqualTo(1.5);
        assertThat(inv.usableCpus()).isEqualTo(1);
        assertThat(inv.memoryBytes()).isEqualTo(4L << 30);
    }

    @Test
    void unlimitedCgroupsAndV1LimitsAreRead() throws IOException {
        cpus(4, 0);
        write("sys/fs/cgroup/cpu.max", "max 100000");
        write("sys/fs/cgroup/memory.max", "max");
        assertThat(read().cpuQuota()).isZero();
        assertThat(read().memoryBytes()).isEqualTo(16318480L * 1024);
        Files.delete(root.resolve("sys/fs/cgroup/cpu.max"));
        Files.delete(root.resolve("sys/fs/cgroup/memory.max"));
        write("sys/fs/cgroup/cpu/cpu.cfs_quota_us", "300000");
        write("sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712");
        assertThat(read().cpuQuota()).isEqualTo(3.0);
        assertThat(read().memoryBytes()).as("v1's 'no limit'").isEqualTo(16318480L * 1024);
    }

    @Test
    void offlineCpusAndAMissingTopologyAreHandled() throws IOException {
        cpus(4, 2);   // the last two hyper-threads offline: still 4 cores
        assertThat(read().physicalCores()).isEqualTo(4);
        Inventory none = InventoryProbe.read(root.resolve("nowhere"), root.resolve("nowhere"), List.of(), false, 6);
        assertThat(none.physicalCores()).isZero();
        assertThat(none.usableCpus()).as("the JVM's CPUs when /sys says nothing").isEqualTo(6);
    }

    @Test
    void visibleGpusAreTheOnesCudaVisibleDevicesNames() {
        assertThat(InventoryProbe.visibleGpus("2,3")).containsExactly("2", "3");
    }
}
