package dev.lstmtuner.model;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend networks are built for and run on. The fast layers ({@link FastLstmLayer}, {@link FastGruLayer})
 * call OpenBLAS on the arrays' host addresses ({@link Gemm}), which is correct only on the CPU backend: on CUDA the
 * host copy is neither synchronised before the call nor marked written after it. So the layer choice
 * ({@link ModelFactory#layerChoice}) and the layers themselves ask this first.
 *
 * @param name the backend's name as ND4J reports it ("Cpu", "JCublas")
 * @param cpu  whether it computes on the CPU, in host memory
 */
public record Backend(String name, boolean cpu) {
    private static volatile Backend actingAs;

    /** This process's backend, or the one {@link #actAs} stands in for it. */
    public static Backend current() {
        Backend b = actingAs;
        return b != null ? b : Detected.BACKEND;
    }

    /**
     * Runs {@code body} as if this process ran on {@code backend}: the seam through which tests take the GPU paths
     * (the stock LSTM, the GRU refusal, what provenance records) on a machine without one.
     */
    public static <T> T actAs(Backend backend, Supplier<T> body) {
        Backend before = actingAs;
        actingAs = backend;
        try {
            return body.get();
        } finally {
            actingAs = before;
        }
    }

    /** ND4J's backend, read once (ND4J picks it at start-up and never changes it). */
    private static final class Detected {
        static final Backend BACKEND = new Backend(
                Nd4j.getBackend().getClass().getSimpleName().replace("Backend", ""), Nd4j.getEnvironment().isCPU());
    }
}
