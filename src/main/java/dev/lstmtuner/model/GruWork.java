package dev.lstmtuner.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * One fast GRU layer's reusable buffers: native matrices for the GEMMs and Java arrays for the gate maths. When the
 * forward state is kept for backprop the Java arrays hold every step; in inference they hold one step, so a large
 * inference batch costs little heap. They grow to the largest size seen and are then reused.
 */
final class GruWork {
    DataType type;
    int mb;
    int nIn;
    int n;
    int steps;
    /** Whether the Java arrays hold every step (training) or only the current one (inference). */
    boolean keep;

    /** Inputs, rows (t, example), [T*mb, nIn]. */
    NativeRows x;
    /** Input projections X W in the forward pass, then the input-side gate gradients dZx in backprop, [T*mb, 3n]. */
    NativeRows zx;
    /** Recurrent-side gate gradients dZh (r, z as dZx; the candidate's part is dn * r), [T*mb, 3n]. */
    NativeRows zh;
    /** One step's recurrent projection H_{t-1} RW, [mb, 3n]. */
    NativeRows hr;
    /** Outputs h_t, [T*mb, n]. */
    NativeRows h;
    /** Output gradients from the layer above, [T*mb, n]. */
    NativeRows epsRows;
    /** dZh_t RW^T, the matrix part of dh_{t-1}, [mb, n]. */
    NativeRows dhRows;
    /** Input gradients, [T*mb, nIn]. */
    NativeRows dx;

    /** Gate activations r, z, n per row, [rows, 3n]. */
    double[] gates = new double[0];
    /** h_{t-1} RW_n + bh per row, [rows, n]. */
    double[] hn = new double[0];
    double[] zxStep = new double[0];
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

    void prepare(DataType type, int mb, int nIn, int n, int steps, boolean keep) {
        if (type != this.type || nIn != this.nIn || n != this.n) {
            this.type = type;
            this.nIn = nIn;
            this.n = n;
            x = new NativeRows(type, nIn);
            zx = new NativeRows(type, 3 * n);
            zh = new NativeRows(type, 3 * n);
            hr = new NativeRows(type, 3 * n);
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
        this.keep = keep;
        int rows = mb * steps;
        int kept = keep ? rows : mb;
        x.ensureRows(rows);
        zx.ensureRows(rows);
        hr.ensureRows(mb);
        h.ensureRows(rows);
        gates = grow(gates, kept * 3 * n);
        hn = grow(hn, kept * n);
        zxStep = grow(zxStep, mb * 3 * n);
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
