package dev.lstmtuner.search.device;

import dev.lstmtuner.config.BadInputException;
import java.util.List;

/**
 * The device plan for an inventory: GPU workers, one per GPU, when GPUs are asked for (or, with auto, when the CUDA
 * backend sees some); else CPU workers, as many as the usable CPUs hold workers of {@code threads} threads (at
 * least one). {@code --slots} overrides the count; GPU slots never outnumber the GPUs.
 */
public final class DevicePlanner {
    private DevicePlanner() {
    }

    public static DevicePlan plan(Inventory inv, Devices devices, int threads, Integer slots, WorkerMemory memory) {
        if (threads < 1) throw new BadInputException("threads must be 1 or more, got " + threads);
        if (slots != null && slots < 0) throw new BadInputException("--slots must be 0 (only sample) or more");
        boolean gpu = switch (devices) {
            case CPU -> false;
            case AUTO -> inv.cudaBackend() && inv.gpus() > 0;
            case GPU -> {
                if (!inv.cudaBackend()) {
                    throw new BadInputException("--devices gpu: this build has no CUDA backend; build it with "
                            + "`mvn -Pcuda -DskipTests package`, or use --devices cpu");
                }
                if (inv.gpus() == 0) {
                    throw new BadInputException("--devices gpu: nvidia-smi reports no GPU (and CUDA_VISIBLE_DEVICES "
                            + "names none); use --devices cpu");
                }
                yield true;
            }
        };
        if (gpu) {
            int n = slots == null ? inv.gpus() : slots;
            if (n > inv.gpus()) {
                throw new BadInputException("--slots " + n + " with " + inv.gpus() + " GPU(s): GPU workers are one per GPU; "
                        + "use --slots " + inv.gpus() + " or fewer, or --devices cpu");
            }
            return new DevicePlan("gpu", n, threads, inv.gpuIds().subList(0, n), memory, inv);
        }
        int n = slots != null ? slots : Math.max(1, inv.usableCpus() / threads);
        return new DevicePlan("cpu", n, threads, List.of(), memory, inv);
    }
}
