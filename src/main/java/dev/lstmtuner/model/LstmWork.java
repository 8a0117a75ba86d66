package dev.lstmtuner.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * One fast LSTM layer's reusable buffers. Everything sized by the sequence (inputs, gates, cells, outputs and their
 * gradients) is native memory in the network's data type, kept outside DL4J's workspaces; the Java arrays that the
 * gate maths works on hold one time step. So the Java heap a layer needs does not grow with batch or window
 * length. Buffers grow to the largest batch seen and are then reused: training allocates nothing per step.
 */
final class LstmWork {
    DataType type;
    int mb;
    int nIn;
    int n;
    int steps;
    /** Cell/input activation: see FastLstmLayer's TANH, SIGMOID, IDENTITY. */
    int kind;

    /** Inputs, rows (t, example), [T*mb, nIn]. */
    NativeRows x;
    /** Gate pre-activations, then (after each step's maths) the gate activations, then in backprop dZ, [T*mb, 4n]. */
    NativeRows z;
    /** Cell states c_t, [T*mb, n]. */
    NativeRows cell;
    /** act(c_t), [T*mb, n]. */
    NativeRows cellAct;
    /** Outputs h_t, [T*mb, n]. */
    NativeRows h;
    /** Output gradients from the layer above, [T*mb, n]. */
    NativeRows epsRows;
    /** dZ_t x RW^T, the recurrent part of dh_{t-1}, [mb, n]. */
    NativeRows dhRows;
    /** Input gradients, [T*mb, nIn]. */
    NativeRows dx;

    /** One step's gates, [mb, 4n]. */
    double[] gates = new double[0];
    /** c_{t-1} on entry to a forward step, c_t after it. */
    double[] cellStep = new double[0];
    double[] cellPrev = new double[0];
    double[] cellActStep = new double[0];
    double[] eps = new double[0];
    double[] hStep = new double[0];
    double[] dh = new double[0];
    double[] dcNext = new double[0];
    double[] dzStep = new double[0];
    double[] biasGrad = new double[0];
    double[] bias = new double[0];

    void prepare(DataType type, int mb, int nIn, int n, int steps) {
        if (type != this.type || nIn != this.nIn || n != this.n) {
            this.type = type;
            this.nIn = nIn;
            this.n = n;
            x = new NativeRows(type, nIn);
            z = new NativeRows(type, 4 * n);
            cell = new NativeRows(type, n);
            cellAct = new NativeRows(type, n);
            h = new NativeRows(type, n);
            epsRows = new NativeRows(type, n);
            dhRows = new NativeRows(type, n);
            dx = new NativeRows(type, nIn);
            biasGrad = new double[4 * n];
            bias = new double[4 * n];
        }
        this.mb = mb;
        this.steps = steps;
        int rows = mb * steps;
        x.ensureRows(rows);
        z.ensureRows(rows);
        cell.ensureRows(rows);
        cellAct.ensureRows(rows);
        h.ensureRows(rows);
        gates = grow(gates, mb * 4 * n);
        cellStep = grow(cellStep, mb * n);
        cellActStep = grow(cellActStep, mb * n);
        hStep = grow(hStep, mb * n);
    }

    /** Sizes the buffers only backprop needs. */
    void prepareBackward() {
        int rows = mb * steps;
        epsRows.ensureRows(rows);
        dhRows.ensureRows(mb);
        dx.ensureRows(rows);
        cellPrev = grow(cellPrev, mb * n);
        eps = grow(eps, mb * n);
        dh = grow(dh, mb * n);
        dcNext = grow(dcNext, mb * n);
        dzStep = grow(dzStep, mb * 4 * n);
    }

    private static double[] grow(double[] a, int len) {
        return a.length >= len ? a : new double[len];
    }
}
