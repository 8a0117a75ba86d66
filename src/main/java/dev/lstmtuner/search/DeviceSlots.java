package dev.lstmtuner.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How many workers this machine runs by default: one one-thread worker per core on CPU (two one-thread processes
 * gave ~1.6x the throughput of one here, while two threads in one process were slower than one), or one worker
 * per visible GPU when the CUDA backend is on the classpath (the {@code cuda} Maven profile).
 */
public final class DeviceSlots {
    private DeviceSlots() {
    }

    public record Slots(String kind, int count) {
    }

    public static Slots detect() {
        if (cudaBackendPresent()) {
            int gpus = visibleGpus();
            if (gpus > 0) return new Slots("gpu", gpus);
        }
        return new Slots("cpu", Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    static boolean cudaBackendPresent() {
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, DeviceSlots.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static int visibleGpus() {
        String env = System.getenv("CUDA_VISIBLE_DEVICES");
        if (env != null && !env.isBlank()) return env.split(",").length;
        try {
            Process p = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return 0;
            return (int) out.lines().filter(l -> l.startsWith("GPU ")).count();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
