package dev.lstmtuner.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Moves DL4J's recurrent arrays [mb, k, T] to and from the layers' row layout [T*mb, k] (rows ordered (t, example)).
 * ND4J's assign from a permuted view costs 10-30 ns per element here, about as much as the layer's gate maths;
 * this is one bulk read, a Java loop and one bulk write. Arrays with neither the time nor the example dimension
 * contiguous go through ND4J's assign. One instance per thread serves all layers, so its scratch arrays are sized
 * by the largest layer, not by the number of layers.
 */
final class NcwCopy {
    private static final ThreadLocal<NcwCopy> OF_THREAD = ThreadLocal.withInitial(NcwCopy::new);

    private float[] floats = new float[0];
    private float[] floatsOut = new float[0];
    private double[] doubles = new double[0];
    private double[] doublesOut = new double[0];

    static NcwCopy ofThread() {
        return OF_THREAD.get();
    }

    /**
     * dst rows [T*mb, k] from src [mb, k, T] in any layout. Double arrays (the gradient checks' networks) go through
     * ND4J's assign: slower, and the same numbers.
     */
    void fromNcw(INDArray src, NativeRows dst, DataType type) {
        int mb = (int) src.size(0);
        int k = (int) src.size(1);
        int steps = (int) src.size(2);
        INDArray a = src.dataType() == type ? src : src.castTo(type);
        long s0 = a.stride(0);
        long s1 = a.stride(1);
        long s2 = a.stride(2);
        if (type != DataType.FLOAT || s0 <= 0 || s1 <= 0 || s2 <= 0 || s2 != 1 && s0 != 1
                || span(a) > Integer.MAX_VALUE) {
            dst.shaped(steps, mb, k).assign(a.permute(2, 0, 1));
            return;
        }
        int len = (int) span(a);
        int n = mb * k * steps;
        float[] in = floatsIn(len);
        float[] out = floatsOut(n);
        ((FloatPointer) Gemm.of(a)).get(in, 0, len);
        gather(in, out, mb, k, steps, (int) s0, (int) s1, (int) s2);
        ((FloatPointer) dst.row(0)).put(out, 0, n);
    }

    /** A dense f-order [mb, k, T] array {@code out} (DL4J's own LSTM layout) from src rows [T*mb, k]. */
    void toNcw(NativeRows src, INDArray out, DataType type) {
        int mb = (int) out.size(0);
        int k = (int) out.size(1);
        int steps = (int) out.size(2);
        int n = mb * k * steps;
        Pointer to = Gemm.of(out);
        if (type == DataType.FLOAT) {
            float[] in = floatsIn(n);
            float[] o = floatsOut(n);
            ((FloatPointer) src.row(0)).get(in, 0, n);
            for (int t = 0; t < steps; t++) {
                for (int e = 0; e < mb; e++) {
                    int s = (t * mb + e) * k;
                    int d = t * mb * k + e;
                    for (int j = 0; j < k; j++) {
                        o[d + j * mb] = in[s + j];
                    }
                }
            }
            ((FloatPointer) to).put(o, 0, n);
        } else {
            double[] in = doublesIn(n);
            double[] o = doublesOut(n);
            ((DoublePointer) src.row(0)).get(in, 0, n);
            for (int t = 0; t < steps; t++) {
                for (int e = 0; e < mb; e++) {
                    int s = (t * mb + e) * k;
                    int d = t * mb * k + e;
                    for (int j = 0; j < k; j++) {
                        o[d + j * mb] = in[s + j];
                    }
                }
            }
            ((DoublePointer) to).put(o, 0, n);
        }
    }

    /**
     * out[(t*mb + e)*k + j] = in[t*s2 + e*s0 + j*s1]. With the example dimension contiguous (s0 == 1, DL4J's f-order
     * activations and epsilons) the inner loop runs over examples, reading contiguously: about a third faster than
     * gathering with stride s1.
     */
    private static void gather(float[] in, float[] out, int mb, int k, int steps, int s0, int s1, int s2) {
        for (int t = 0; t < steps; t++) {
            if (s0 == 1) {
                for (int j = 0; j < k; j++) {
                    int from = t * s2 + j * s1;
                    int to = t * mb * k + j;
                    for (int e = 0; e < mb; e++) {
                        out[to + e * k] = in[from + e];
                    }
                }
            } else {
                for (int e = 0; e < mb; e++) {
                    int from = t * s2 + e * s0;
                    int to = (t * mb + e) * k;
                    for (int j = 0; j < k; j++) {
                        out[to + j] = in[from + j * s1];
                    }
                }
            }
        }
    }

    /** Elements from the array's first to its last, strides included. */
    private static long span(INDArray a) {
        long s = 1;
        for (int i = 0; i < a.rank(); i++) {
            s += (a.size(i) - 1) * a.stride(i);
        }
        return s;
    }

    private float[] floatsIn(int len) {
        if (floats.length < len) floats = new float[len];
        return floats;
    }

    private float[] floatsOut(int len) {
        if (floatsOut.length < len) floatsOut = new float[len];
        return floatsOut;
    }

    private double[] doublesIn(int len) {
        if (doubles.length < len) doubles = new double[len];
        return doubles;
    }

    private double[] doublesOut(int len) {
        if (doublesOut.length < len) doublesOut = new double[len];
        return doublesOut;
    }
}
