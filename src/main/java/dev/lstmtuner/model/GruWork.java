package dev.lstmtuner.model;

import org.nd4j.linalg.api.buffer.DataType;

/** One fast GRU layer's buffers (see {@link RecurrentWork}) and the step kernel of its data type. */
final class GruWork extends RecurrentWork {
    /** Input projections X W, then (after each step's maths) the gates r, z, n in the kernel's layout, then dZx, [T*mb, 3n]. */
    NativeRows zx;
    /** Recurrent-side gate gradients dZh (r, z as dZx; the candidate's part is dn * r), [T*mb, 3n]. */
    NativeRows zh;
    /** One step's recurrent projection H_{t-1} RW, [mb, 3n]. */
    NativeRows hr;
    /** h_{t-1} RW_n + bh per step, [T*mb, n]. */
    NativeRows hn;
    /** The candidate's recurrent bias bh, [n], and its gradient. */
    double[] hBias = new double[0];
    double[] hBiasGrad = new double[0];

    GruWork() {
        super(3);
    }

    @Override
    NativeRows projections() {
        return zx;
    }

    @Override
    NativeRows recurrentGradients() {
        return zh;
    }

    @Override
    void allocate() {
        zx = new NativeRows(type, 3 * n);
        zh = new NativeRows(type, 3 * n);
        hr = new NativeRows(type, 3 * n);
        hn = new NativeRows(type, n);
        hBias = new double[n];
        hBiasGrad = new double[n];
        kernel = type == DataType.FLOAT ? new GruFloatSteps(this) : new GruDoubleSteps(this);
    }

    @Override
    void ensureForward(int rows) {
        zx.ensureRows(rows);
        hr.ensureRows(mb);
        hn.ensureRows(rows);
    }

    @Override
    void ensureBackward(int rows) {
        zh.ensureRows(rows);
    }
}
