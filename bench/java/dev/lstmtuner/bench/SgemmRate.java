package dev.lstmtuner.bench;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The machine's single-thread sgemm rate through the BLAS the fast layers call (OpenBLAS via JavaCPP): the roofline
 * an epoch is measured against ({@link Roofline} runs this in child JVMs). Square products of each size, the best
 * wall time of repeated calls (on a shared machine the best call is the one nobody interrupted), every product
 * checked on 64 sampled entries against a double-precision dot product: a kernel picked for the wrong CPU can be
 * fast and wrong, and then it does not count. Prints one line per size and a last line {@code best <GFLOP/s>}.
 *
 * <p>One thread: the JavaCPP preset exposes no openblas_set_num_threads, so OpenBLAS takes its thread count from
 * {@code OMP_NUM_THREADS} at start-up (Roofline sets it to 1), and its kernel from {@code OPENBLAS_CORETYPE}.
 *
 * <p>{@code bench/run SgemmRate [sizes=1024,2048] [seconds per size=1.5]}
 */
public final class SgemmRate {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int MIN_CALLS = 5;

    private SgemmRate() {
    }

    public static void main(String[] args) {
        String[] sizes = (args.length > 0 ? args[0] : "1024,2048").split(",");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1.5;
        String core = System.getenv("OPENBLAS_CORETYPE");
        double best = 0;
        for (String s : sizes) {
            int n = Integer.parseInt(s.trim());
            Result r = measure(n, seconds);
            System.out.printf("sgemm n=%d OPENBLAS_CORETYPE=%s OMP_NUM_THREADS=%s: %.1f GFLOP/s (best of %d calls),"
                            + " max relative error %.1e%s%n", n, core == null ? "(unset)" : core,
                    System.getenv("OMP_NUM_THREADS"), r.gflops, r.calls, r.error, r.correct() ? "" : "  WRONG: not counted");
            if (r.correct()) {
                best = Math.max(best, r.gflops);
            }
        }
        System.out.printf("best %.3f%n", best);
    }

    private record Result(double gflops, int calls, double error) {
        boolean correct() {
            return error < 1e-3;
        }
    }

    private static Result measure(int n, double seconds) {
        Random random = new Random(n);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
        }
        try (FloatPointer pa = new FloatPointer(a); FloatPointer pb = new FloatPointer(b);
             FloatPointer pc = new FloatPointer((long) n * n)) {
            double bestSeconds = Double.MAX_VALUE;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            int calls = 0;
            // the first call warms the caches and is not timed
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n, n, n, 1f, pa, n, pb, n, 0f, pc, n);
            while (calls < MIN_CALLS || System.nanoTime() < end) {
                long t0 = System.nanoTime();
                openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, n, n, n, 1f, pa, n, pb, n, 0f, pc, n);
                bestSeconds = Math.min(bestSeconds, (System.nanoTime() - t0) / 1e9);
                calls++;
            }
            float[] c = new float[n * n];
            pc.get(c);
            double error = 0;
            for (int k = 0; k < 64; k++) {
                int i = random.nextInt(n);
                int j = random.nextInt(n);
                double dot = 0;
                double scale = 0;
                for (int l = 0; l < n; l++) {
                    dot += (double) a[i * n + l] * b[l * n + j];
                    scale += Math.abs((double) a[i * n + l] * b[l * n + j]);
                }
                error = Math.max(error, Math.abs(c[i * n + j] - dot) / scale);
            }
            return new Result(2.0 * n * n * n / bestSeconds / 1e9, calls, error);
        }
    }
}
