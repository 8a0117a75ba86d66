package dev.lstmtuner.model;

/**
 * The float gate maths as loops that HotSpot 17's C2 turns into SIMD code. It does that only for small loop bodies
 * whose array accesses all use the same index (here {@code [i]}, from 0): a loop over {@code a[off + i]} beside
 * {@code b[i]}, or one computing a whole LSTM cell update at once, stays scalar. So each loop does one thing over
 * whole arrays, and the callers keep every operand in its own array.
 *
 * <p>{@code tanh} is Eigen's float rational approximation (the one TensorFlow and PyTorch's CPU kernels use:
 * degree 13/6, inputs clamped to ±7.905), within 4e-7 of tanh; sigmoid(x) = 0.5 + 0.5 tanh(x / 2). No exp, so
 * the loops vectorise; about 1 ns per element against 5-10 ns for {@code Math.exp}.
 */
final class FloatLoops {
    static final int TANH = 0;
    static final int SIGMOID = 1;
    static final int IDENTITY = 2;

    private static final float CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    private FloatLoops() {
    }

    static float tanh(float v) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, v));
        float x2 = x * x;
        float p = x2 * A13 + A11;
        p = p * x2 + A9;
        p = p * x2 + A7;
        p = p * x2 + A5;
        p = p * x2 + A3;
        p = p * x2 + A1;
        float q = x2 * B6 + B4;
        q = q * x2 + B2;
        q = q * x2 + B0;
        return x * p / q;
    }

    /** z = act(z + b), for the activation {@code kind} (TANH, SIGMOID, IDENTITY). */
    static void activate(int kind, float[] z, float[] b, int len) {
        switch (kind) {
            case TANH -> {
                for (int i = 0; i < len; i++) {
                    z[i] = tanh(z[i] + b[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < len; i++) {
                    z[i] = 0.5f + 0.5f * tanh(0.5f * (z[i] + b[i]));
                }
            }
            default -> add(z, b, len);
        }
    }

    /** y = act(x). */
    static void apply(int kind, float[] y, float[] x, int len) {
        switch (kind) {
            case TANH -> {
                for (int i = 0; i < len; i++) {
                    y[i] = tanh(x[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < len; i++) {
                    y[i] = 0.5f + 0.5f * tanh(0.5f * x[i]);
                }
            }
            default -> System.arraycopy(x, 0, y, 0, len);
        }
    }

    /** d = g * act'(y) with the activation's derivative written in terms of its output y. */
    static void timesDerivative(int kind, float[] d, float[] g, float[] y, int len) {
        switch (kind) {
            case TANH -> {
                for (int i = 0; i < len; i++) {
                    d[i] = g[i] * (1 - y[i] * y[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < len; i++) {
                    d[i] = g[i] * y[i] * (1 - y[i]);
                }
            }
            default -> System.arraycopy(g, 0, d, 0, len);
        }
    }

    /** z += b. */
    static void add(float[] z, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            z[i] += b[i];
        }
    }

    /** d = a - b. */
    static void sub(float[] d, float[] a, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            d[i] = a[i] - b[i];
        }
    }

    /** d = a * (1 - b). */
    static void mulOneMinus(float[] d, float[] a, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            d[i] = a[i] * (1 - b[i]);
        }
    }

    /** h = (1 - z) c + z h. */
    static void blend(float[] h, float[] z, float[] c, int len) {
        for (int i = 0; i < len; i++) {
            h[i] = c[i] + z[i] * (h[i] - c[i]);
        }
    }

    /** d = a * b. */
    static void mul(float[] d, float[] a, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            d[i] = a[i] * b[i];
        }
    }

    /** d = a * b * c. */
    static void mul(float[] d, float[] a, float[] b, float[] c, int len) {
        for (int i = 0; i < len; i++) {
            d[i] = a[i] * b[i] * c[i];
        }
    }

    /** d = a * b + c * e. */
    static void mulAdd(float[] d, float[] a, float[] b, float[] c, float[] e, int len) {
        for (int i = 0; i < len; i++) {
            d[i] = a[i] * b[i] + c[i] * e[i];
        }
    }

    /** Splits rows of {@code parts} blocks of {@code n} ({@code [rows, parts*n]}) into one [rows, n] array per part. */
    static void split(float[] rowsOfParts, float[][] parts, int rows, int n) {
        int width = parts.length * n;
        for (int e = 0; e < rows; e++) {
            for (int q = 0; q < parts.length; q++) {
                System.arraycopy(rowsOfParts, e * width + q * n, parts[q], e * n, n);
            }
        }
    }

    /** The inverse of {@link #split}. */
    static void join(float[][] parts, float[] rowsOfParts, int rows, int n) {
        int width = parts.length * n;
        for (int e = 0; e < rows; e++) {
            for (int q = 0; q < parts.length; q++) {
                System.arraycopy(parts[q], e * n, rowsOfParts, e * width + q * n, n);
            }
        }
    }

    /** Column sums of [rows, n] added to {@code out[off..off+n)}. */
    static void addColumnSums(float[] a, int rows, int n, double[] out, int off) {
        for (int e = 0; e < rows; e++) {
            for (int j = 0; j < n; j++) {
                out[off + j] += a[e * n + j];
            }
        }
    }

    /** [rows, n] with every row {@code v[off..off+n)}. */
    static void broadcastRows(double[] v, int off, float[] out, int rows, int n) {
        for (int j = 0; j < n; j++) {
            out[j] = (float) v[off + j];
        }
        for (int e = 1; e < rows; e++) {
            System.arraycopy(out, 0, out, e * n, n);
        }
    }

    static float[] grow(float[] a, int len) {
        return a.length >= len ? a : new float[len];
    }
}
