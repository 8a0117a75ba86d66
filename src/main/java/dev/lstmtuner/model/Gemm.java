package dev.lstmtuner.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Row-major GEMM straight into OpenBLAS (the BLAS that ND4J's CPU backend itself uses), on raw native addresses.
 * {@code Nd4j.gemm} costs tens of microseconds per call in op setup (a custom-op context, shape buffers, views),
 * which dominates the small per-time-step products of an LSTM; this call costs about one JNI hop. The addresses are
 * host memory, so this is correct on ND4J's CPU backend only ({@link Backend}); the layers check before calling.
 */
final class Gemm {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private Gemm() {
    }

    /** Address of element {@code offset} of a contiguous buffer whose first element is at {@code base}. */
    static Pointer at(DataType type, Pointer base, long offset) {
        return type == DataType.FLOAT ? new FloatPointer(base).position(offset) : new DoublePointer(base).position(offset);
    }

    /** Address of an array's first element (ND4J's view buffers already include the view's offset). */
    static Pointer of(INDArray a) {
        return at(a.dataType(), a.data().addressPointer(), 0);
    }

    /** Copies the first {@code len} elements of a dense array into {@code dst}. */
    static void get(INDArray src, double[] dst, int len) {
        Pointer p = of(src);
        if (p instanceof FloatPointer f) {
            float[] tmp = new float[len];
            f.get(tmp, 0, len);
            for (int i = 0; i < len; i++) {
                dst[i] = tmp[i];
            }
        } else {
            ((DoublePointer) p).get(dst, 0, len);
        }
    }

    /** Writes {@code src[0..len)} into the first elements of a dense array. */
    static void put(INDArray dst, double[] src, int len) {
        Pointer p = of(dst);
        if (p instanceof FloatPointer f) {
            float[] tmp = new float[len];
            for (int i = 0; i < len; i++) {
                tmp[i] = (float) src[i];
            }
            f.put(tmp, 0, len);
        } else {
            ((DoublePointer) p).put(src, 0, len);
        }
    }

    /** C[m,n] = op(A)[m,k] op(B)[k,n] + beta C, all row-major with the given leading dimensions. */
    static void gemm(DataType type, boolean transA, boolean transB, int m, int n, int k,
                     Pointer a, int lda, Pointer b, int ldb, double beta, Pointer c, int ldc) {
        int ta = transA ? TRANS : NO_TRANS;
        int tb = transB ? TRANS : NO_TRANS;
        if (type == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta, tb, m, n, k, 1f, (FloatPointer) a, lda, (FloatPointer) b, ldb,
                    (float) beta, (FloatPointer) c, ldc);
        } else {
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, ta, tb, m, n, k, 1.0, (DoublePointer) a, lda, (DoublePointer) b, ldb,
                    beta, (DoublePointer) c, ldc);
        }
    }
}
