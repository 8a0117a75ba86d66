package dev.lstmtuner.search.device;

import java.util.stream.IntStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lstmtuner.config.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The device plan over fake machines: 0, 1 and 4 GPUs; 2 and 16 cores; 1, 2 and 4 threads; small and large memory. */
class DevicePlannerTest {
    private static final long GB = 1L << 30;
    /** bin/lstm-tuner's defaults: -Xmx1g, maxbytes=3G, maxphysicalbytes=5G: 4 GB a worker. */
    private static final WorkerMemory DEFAULT = WorkerMemory.of(List.of("-Xmx1g",
            "-Dorg.bytedeco.javacpp.maxbytes=3G", "-Dorg.bytedeco.javacpp.maxphysicalbytes=5G"));

    private static Inventory machine(int gpus, int cores, long memory) {
        List<String> ids = IntStream.range(0, gpus).mapToObj(String::valueOf).toList();
        return new Inventory(ids, gpus > 0, cores, 2 * cores, 0, memory);
    }

    @ParameterizedTest(name = "{0} cores, {1} threads: {2} workers")
    @CsvSource({"2,1,2", "2,2,1", "2,4,1", "16,1,16", "16,2,8", "16,4,4"})
    void cpuWorkersAreTheUsableCoresDividedByThreads(int cores, int threads, int workers) {
        DevicePlan p = DevicePlanner.plan(machine(0, cores, 256 * GB), Devices.AUTO, threads, null, DEFAULT);
        assertThat(p.kind()).isEqualTo("cpu");
        assertThat(p.workers()).isEqualTo(workers);
        assertThat(p.threads()).isEqualTo(threads);
        assertThat(p.environment(0)).containsEntry("OMP_NUM_THREADS", String.valueOf(threads))
                .containsEntry("CUDA_VISIBLE_DEVICES", "").containsEntry("BACKEND_PRIORITY_GPU", "0");
    }

    @Test
    void theCgroupQuotaCapsThePhysicalCores() {
        Inventory quota = new Inventory(List.of(), false, 16, 32, 2.5, 64 * GB);
        assertThat(DevicePlanner.plan(quota, Devices.CPU, 1, null, DEFAULT).workers()).isEqualTo(2);
        assertThat(DevicePlanner.plan(quota, Devices.CPU, 4, null, DEFAULT).workers()).as("at least one").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} GPU(s)")
    @CsvSource({"1", "4"})
    void gpuWorkersAreOnePerGpuEachSeeingOnlyItsOwn(int gpus) {
        DevicePlan p = DevicePlanner.plan(machine(gpus, 16, 256 * GB), Devices.AUTO, 2, null, DEFAULT);
        assertThat(p.kind()).isEqualTo("gpu");
        assertThat(p.workers()).isEqualTo(gpus);
        for (int i = 0; i < gpus; i++) {
            assertThat(p.environment(i)).containsEntry("CUDA_VISIBLE_DEVICES", String.valueOf(i))
                    .containsEntry("OMP_NUM_THREADS", "2").containsKey(DevicePlan.PLAN_ENV);
        }
        assertThat(p.describe()).startsWith("gpu: " + gpus + " worker(s) one per GPU");
    }

    @Test
    void autoWithoutGpusIsTheCpuAndGpuWithoutGpusIsRefused() {
        assertThat(DevicePlanner.plan(machine(0, 16, 64 * GB), Devices.AUTO, 1, null, DEFAULT).kind()).isEqualTo("cpu");
        assertThatThrownBy(() -> DevicePlanner.plan(machine(0, 16, 64 * GB), Devices.GPU, 1, null, DEFAULT))
                .isInstanceOf(BadInputException.class).hasMessageContaining("-Pcuda").hasMessageContaining("--devices cpu");
        Inventory cudaNoGpu = new Inventory(List.of(), true, 16, 32, 0, 64 * GB);
        assertThatThrownBy(() -> DevicePlanner.plan(cudaNoGpu, Devices.GPU, 1, null, DEFAULT))
                .hasMessageContaining("no GPU");
    }

    @Test
    void cpuOnAGpuMachineIsCpuWorkersAndMoreGpuSlotsThanGpusIsRefused() {
        assertThat(DevicePlanner.plan(machine(4, 16, 256 * GB), Devices.CPU, 4, null, DEFAULT).workers()).isEqualTo(4);
        assertThatThrownBy(() -> DevicePlanner.plan(machine(1, 16, 256 * GB), Devices.GPU, 1, 2, DEFAULT))
                .hasMessageContaining("--slots 1");
    }

    @Test
    void aPlanWhoseMemoryCannotFitIsRefusedWithTheNumbersAndWhatToChange() {
        // 16 one-thread workers x 4 GB on a 16 GB machine
        DevicePlan p = DevicePlanner.plan(machine(0, 16, 16 * GB), Devices.AUTO, 1, null, DEFAULT);
        assertThat(p.memoryNeeded()).isEqualTo(64 * GB);
        assertThatThrownBy(() -> p.preflight(false))
                .isInstanceOf(BadInputException.class)
                .hasMessage("device plan needs 64.0 GB of memory: 16 worker(s) x 4.0 GB (heap 1.0 GB + off-heap 3.0 GB), "
                        + "but this machine has 16.0 GB: use --slots 4, or lower -Xmx / -Dorg.bytedeco.javacpp.maxbytes "
                        + "in LSTM_TUNER_JAVA_OPTS, or pass --force");
        p.preflight(true);   // --force starts it anyway
        DevicePlanner.plan(machine(0, 16, 64 * GB), Devices.AUTO, 1, null, DEFAULT).preflight(false);
        DevicePlanner.plan(machine(4, 16, 16 * GB), Devices.AUTO, 1, null, DEFAULT).preflight(false);
    }

    @Test
    void theWorkerMemoryIsHeapPlusOffHeapCappedByThePhysicalLimit() {
        assertThat(DEFAULT.perWorker()).isEqualTo(4 * GB);
        assertThat(WorkerMemory.of(List.of("-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=4G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=5G")).perWorker()).isEqualTo(5 * GB);
        assertThat(WorkerMemory.of(List.of("-Xmx512m")).perWorker()).isEqualTo(512L << 20);
    }

    @Test
    void aStandaloneWorkerOnTheWrongBackendRefusesToStart() {
        assertThat(WorkerDevice.check(Devices.AUTO, "gpu 2")).isEqualTo("gpu 2");
        assertThat(WorkerDevice.check(Devices.CPU, "cpu")).isEqualTo("cpu");
        assertThatThrownBy(() -> WorkerDevice.check(Devices.GPU, "cpu")).hasMessageContaining("-Pcuda");
        assertThatThrownBy(() -> WorkerDevice.check(Devices.CPU, "gpu 0")).hasMessageContaining("BACKEND_PRIORITY_GPU=0");
        assertThatThrownBy(() -> Devices.parse("tpu")).hasMessageContaining("auto, cpu or gpu");
    }
}
