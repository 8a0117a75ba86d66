package dev.lstmtuner.train;

import org.nd4j.linalg.factory.Nd4j;

/** The ND4J backend this process runs on, and its thread settings (recorded in every trial's provenance). */
public final class NativeRuntime {
    private NativeRuntime() {
    }

    /**
     * Caps ND4J's threads for this process. OMP_NUM_THREADS (set by bin/lstm-tuner and by the worker launcher)
     * is what OpenMP reads at start-up; this makes the in-process setting agree with the run config.
     */
    public static void useThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    public static int threads() {
        return Nd4j.getEnvironment().maxThreads();
    }

    public static String backend() {
        return Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "")
                + (Nd4j.getEnvironment().isCPU() ? " (CPU)" : " (GPU)");
    }

    public static String device() {
        return Nd4j.getEnvironment().isCPU() ? "cpu" : "gpu";
    }
}
