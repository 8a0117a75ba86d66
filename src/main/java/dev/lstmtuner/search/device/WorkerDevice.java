package dev.lstmtuner.search.device;

import dev.lstmtuner.config.BadInputException;

/**
 * A standalone worker's device, checked against its {@code --devices}: ND4J picks the backend when the process
 * starts (the build's backends, BACKEND_PRIORITY_*, CUDA_VISIBLE_DEVICES), so a worker on the wrong one refuses to
 * start instead of training where it was not meant to.
 */
public final class WorkerDevice {
    private WorkerDevice() {
    }

    /**
     * @param inEffect the device this process computes on: "cpu", or "gpu" with its CUDA_VISIBLE_DEVICES
     * @return the device label recorded with its trials
     */
    public static String check(Devices wanted, String inEffect) {
        boolean gpu = inEffect.startsWith("gpu");
        if (wanted == Devices.GPU && !gpu) {
            throw new BadInputException("--devices gpu: this worker runs ND4J's CPU backend; build with "
                    + "`mvn -Pcuda -DskipTests package` on a machine whose nvidia-smi lists a GPU, or use --devices cpu");
        }
        if (wanted == Devices.CPU && gpu) {
            throw new BadInputException("--devices cpu: ND4J chose the CUDA backend for this worker; start it with "
                    + "BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0 CUDA_VISIBLE_DEVICES= in its environment");
        }
        return inEffect;
    }
}
