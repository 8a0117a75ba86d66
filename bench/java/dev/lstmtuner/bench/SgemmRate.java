package dev.lstmtuner.bench;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

import java.util.Random;

/**
 * The machine's single-thread sgemm rate through the BLAS the fast layers call (OpenBLAS via JavaCPP): the roofline
 * an epoch is measured against. Square products of each size, best of {@code reps}, every product checked on 64
 * sampled entries against a double-precision dot product (a kernel picked for the wrong CPU can be fast and wrong).
 * Prints one line per size and a last line {@code best <GFLOP/s>} that EpochBench reads.
 *
 * One thread: the JavaCPP preset exposes no openblas_set_num_threads, so OpenBLAS takes its thread count from
 * {@code OMP_NUM_THREADS} at start-up, which bench/run sets to 1 unless it is set.
 *
 * <p>{@code bench/run SgemmRate [sizes=1024,2048] [reps=5]}
 */
public final class SgemmRate {
    private static final int ROW_MAJOR = 101, NO_TRANS = 111;

    public static void main(String[] args) {
        String[] sizes = (args.length > 0 ? args[0] : "1024,2048").split(",");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String core = System.getenv("OPENBLAS_CORETYPE");
        double best = 0;
        for (String s : sizes) {
            int n = Integer.parseInt(s.trim());
            Result r = measure(n, reps);
            System.out.printf("sgemm n=%d OPENBLAS_CORETYPE=%s OMP_NUM_THREADS=%s: %.1f GFLOP/s, max relative error %.1e%s%n", n,
                    core == null ? "(unset)" : core, System.getenv("OMP_NUM_THREADS"), r.gflops, r.error, r.correct() ? "" : "  WRONG: not counted");
            if (r.correct()) best = Math.max(best, r.gflops);
        }
        System.out.printf("best %.3f%n", best);
    }

    private record Result(double gflops, double error) {
        boolean correct() {
            return error < 1e-3;
        }
    }

    private static Result measure(int n, int reps) {
        Random random = new Random(n);
        float[] a = new float[n * n], b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
        }
        try (FloatPointer pa = new FloatPointer(a); FloatPointer pb = new FloatPointer(b);
             FloatPointer pc = new FloatPointer((long) n * n)) {
            double bestSeconds = Double.MAX_VALUE;
            for (int r = 0; r <= reps; r++) {
                long t0 = System.nanoTime();
                openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n, n, n, 1f, pa, n, pb, n, 0f, pc, n);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (r > 0) bestSeconds = Math.min(bestSeconds, seconds);   // the first call warms the caches
            }
            float[] c = new float[n * n];
            pc.get(c);
            double error = 0;
            for (int k = 0; k < 64; k++) {
                int i = random.nextInt(n), j = random.nextInt(n);
                double dot = 0, scale = 0;
                for (int l = 0; l < n; l++) {
                    dot += (double) a[i * n + l] * b[l * n + j];
                    scale += Math.abs((double) a[i * n + l] * b[l * n + j]);
                }
                error = Math.max(error, Math.abs(c[i * n + j] - dot) / scale);
            }
            return new Result(2.0 * n * n * n / bestSeconds / 1e9, error);
        }
    }
}
