package dev.lstmtuner.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * One fast GRU layer's reusable buffers. Everything sized by the sequence is native memory in the network's data
 * type (as in {@link LstmWork}); the Java arrays of the gate maths hold one time step, so the heap a layer needs does
 * not grow with batch or window length. Buffers grow to the largest batch seen and are then reused.
 */
final class GruWork {
    DataType type;
    int mb;
    int nIn;
    int n;
    int steps;

    /** Inputs, rows (t, example), [T*mb, nIn]. */
    NativeRows x;
    /** Input projections X W, then (after each step's maths) the gates r, z, n, then in backprop dZx, [T*mb, 3n]. */
    NativeRows zx;
    /** Recurrent-side gate gradients dZh (r, z as dZx; the candidate's part is dn * r), [T*mb, 3n]. */
    NativeRows zh;
    /** One step's recurrent projection H_{t-1} RW, [mb, 3n]. */
    NativeRows hr;
    /** h_{t-1} RW_n + bh per step, [T*mb, n]. */
    NativeRows hn;
    /** Outputs h_t, [T*mb, n]. */
    NativeRows h;
    /** Output gradients from the layer above, [T*mb, n]. */
    NativeRows epsRows;
    /** dZh_t RW^T, the matrix part of dh_{t-1}, [mb, n]. */
    NativeRows dhRows;
    /** Input gradients, [T*mb, nIn]. */
    NativeRows dx;

    /** One step's input projections, then its gates r, z, n, [mb, 3n]. */
    double[] gates = new double[0];
    double[] hnStep = new double[0];
    double[] hrStep = new double[0];
    /** h_t of the current step; h_{t-1} until the step overwrites it element by element. */
    double[] hStep = new double[0];
    double[] hPrev = new double[0];
    double[] eps = new double[0];
    double[] dh = new double[0];
    double[] dhDirect = new double[0];
    double[] dzxStep = new double[0];
    double[] dzhStep = new double[0];
    double[] bias = new double[0];
    double[] hBias = new double[0];
    double[] biasGrad = new double[0];
    double[] hBiasGrad = new double[0];

    void prepare(DataType type, int mb, int nIn, int n, int steps) {
        if (type != this.type || nIn != this.nIn || n != this.n) {
            this.type = type;
            this.nIn = nIn;
            this.n = n;
            x = new NativeRows(type, nIn);
            zx = new NativeRows(type, 3 * n);
            zh = new NativeRows(type, 3 * n);
            hr = new NativeRows(type, 3 * n);
            hn = new NativeRows(type, n);
            h = new NativeRows(type, n);
            epsRows = new NativeRows(type, n);
            dhRows = new NativeRows(type, n);
            dx = new NativeRows(type, nIn);
            bias = new double[3 * n];
            hBias = new double[n];
            biasGrad = new double[3 * n];
            hBiasGrad = new double[n];
        }
        this.mb = mb;
        this.steps = steps;
        int rows = mb * steps;
        x.ensureRows(rows);
        zx.ensureRows(rows);
        hr.ensureRows(mb);
        hn.ensureRows(rows);
        h.ensureRows(rows);
        gates = grow(gates, mb * 3 * n);
        hnStep = grow(hnStep, mb * n);
        hrStep = grow(hrStep, mb * 3 * n);
        hStep = grow(hStep, mb * n);
    }

    /** Sizes the backprop buffers (only training needs them). */
    void prepareBackward() {
        int rows = mb * steps;
        zh.ensureRows(rows);
        epsRows.ensureRows(rows);
        dhRows.ensureRows(mb);
        dx.ensureRows(rows);
        hPrev = grow(hPrev, mb * n);
        eps = grow(eps, mb * n);
        dh = grow(dh, mb * n);
        dhDirect = grow(dhDirect, mb * n);
        dzxStep = grow(dzxStep, mb * 3 * n);
        dzhStep = grow(dzhStep, mb * 3 * n);
    }

    private static double[] grow(double[] a, int len) {
        return a.length >= len ? a : new double[len];
    }
}
