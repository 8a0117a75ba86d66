package dev.lstmtuner.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A growable, row-major native matrix [rows, cols] kept outside DL4J's workspaces, so it can be reused across
 * iterations without allocating. Its rows feed the raw GEMMs; bulk copies move blocks of rows to and from Java
 * arrays of its own type (one memcpy instead of one ND4J op per element-wise step).
 */
final class NativeRows {
    private final DataType type;
    private final int cols;
    private INDArray base;
    private int capacityRows;
    private FloatPointer floats;
    private DoublePointer doubles;

    NativeRows(DataType type, int cols) {
        this.type = type;
        this.cols = cols;
    }

    /** Makes room for at least {@code rows} rows (contents are not kept when it grows). */
    void ensureRows(int rows) {
        if (rows <= capacityRows) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            base = Nd4j.createUninitialized(type, new long[] {rows, cols}, 'c');
        }
        capacityRows = rows;
        if (type == DataType.FLOAT) {
            floats = new FloatPointer(base.data().addressPointer());
        } else {
            doubles = new DoublePointer(base.data().addressPointer());
        }
    }

    /** Native address of the first element of row {@code row}, for {@link Gemm}. */
    org.bytedeco.javacpp.Pointer row(int row) {
        return Gemm.at(type, base.data().addressPointer(), (long) row * cols);
    }

    /** A c-order view with the given shape over the leading elements (for reshaping [T*mb, cols] as [T, mb, cols]). */
    INDArray shaped(long... shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        return Nd4j.create(base.data(), shape, stride, 0L, 'c', type);
    }

    /** Copies {@code len} elements starting at element {@code from} into {@code dst[0..len)} (one memcpy). */
    void get(long from, float[] dst, int len) {
        floats.position(from).get(dst, 0, len);
    }

    /** Copies {@code src[0..len)} to elements starting at {@code to}. */
    void put(long to, float[] src, int len) {
        floats.position(to).put(src, 0, len);
    }

    /** As {@link #get(long, float[], int)}, for double rows. */
    void get(long from, double[] dst, int len) {
        doubles.position(from).get(dst, 0, len);
    }

    /** As {@link #put(long, float[], int)}, for double rows. */
    void put(long to, double[] src, int len) {
        doubles.position(to).put(src, 0, len);
    }
}
