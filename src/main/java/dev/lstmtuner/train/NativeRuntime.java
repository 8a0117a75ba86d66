package dev.lstmtuner.train;

import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.model.Backend;
import dev.lstmtuner.model.ModelFactory;
import dev.lstmtuner.result.DeviceRecord;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend this process runs on, its thread settings and its device plan: what every trial's provenance
 * records ({@link #deviceRecord}), read back from the libraries rather than copied from the config.
 */
public final class NativeRuntime {
    /** Set by the search's worker launcher: the plan the worker is one slot of. */
    static final String PLAN_ENV = "LSTM_TUNER_DEVICE_PLAN";   // DevicePlan.PLAN_ENV (search/device)
    private static volatile String plan = System.getenv(PLAN_ENV);
    private static final Set<Integer> SHORT_OF_THREADS = ConcurrentHashMap.newKeySet();

    private NativeRuntime() {
    }

    /**
     * Sets this process's threads, OpenBLAS's and libnd4j's. OpenBLAS reads OMP_NUM_THREADS once at start-up (1 from
     * bin/lstm-tuner) and then takes any number; libnd4j sizes its pool from it once and then takes any number up to
     * that (its loops run on "master threads"). So {@code threads: 4} under OMP_NUM_THREADS=1 gets 4 BLAS threads and
     * one libnd4j thread, which is recorded as such and said once on stderr; search's workers start with
     * OMP_NUM_THREADS set to their threads and get both.
     */
    public static void useThreads(int threads) {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        if (threads() < threads && SHORT_OF_THREADS.add(threads)) {
            System.err.println("warning: threads " + threads + " asked, libnd4j runs " + threads()
                    + ": its thread pool is sized at start-up from OMP_NUM_THREADS; start with OMP_NUM_THREADS="
                    + threads + " for all of them (OpenBLAS has " + blasThreads() + ")");
        }
    }

    /** libnd4j's thread count in effect: its loops' threads, at most its pool's. */
    public static int threads() {
        return Math.min(Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().maxMasterThreads());
    }

    /** OpenBLAS's thread count in effect, as it reports it (on the CPU backend; other backends report their own). */
    public static int blasThreads() {
        return Nd4j.factory().blas().getMaxThreads();
    }

    public static String backend() {
        Backend b = Backend.current();
        return b.name() + (b.cpu() ? " (CPU)" : " (GPU)");
    }

    /** "cpu", or "gpu" followed by the CUDA_VISIBLE_DEVICES this process was given, when it was given some. */
    public static String device() {
        if (Backend.current().cpu()) return "cpu";
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        return visible == null || visible.isBlank() ? "gpu" : "gpu " + visible;
    }

    /** The device plan this process runs under (a search's worker, or a worker given --devices). */
    public static void usePlan(String description) {
        plan = description;
    }

    /**
     * Where and how a trial of {@code c} computes here: the device, the layer its network is built with, and the
     * thread counts in effect (call after {@link #useThreads}).
     *
     * @throws dev.lstmtuner.config.BadInputException when the config's family cannot run on this backend
     */
    public static DeviceRecord deviceRecord(RunConfig c) {
        return new DeviceRecord(device(), ModelFactory.layerChoice(c, Backend.current()).label(), blasThreads(),
                threads(), plan == null ? "none (a process started by hand)" : plan);
    }
}
