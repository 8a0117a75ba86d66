package dev.lstmtuner.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * One fast LSTM layer's reusable buffers: native matrices that the GEMMs read and write, and Java arrays for the
 * element-wise gate maths and the forward state kept for backprop. They grow to the largest batch seen and are then
 * reused, so training allocates nothing per step.
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
    /** Gate pre-activations in the forward pass, then gate gradients dZ in backprop, [T*mb, 4n]. */
    NativeRows z;
    /** Outputs h_t, [T*mb, n]. */
    NativeRows h;
    /** Output gradients from the layer above, [T*mb, n]. */
    NativeRows epsRows;
    /** dZ_t x RW^T, the recurrent part of dh_{t-1}, [mb, n]. */
    NativeRows dhRows;
    /** Input gradients, [T*mb, nIn]. */
    NativeRows dx;

    double[] gates = new double[0];
    double[] cell = new double[0];
    double[] cellAct = new double[0];
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
            h = new NativeRows(type, n);
            epsRows = new NativeRows(type, n);
            dhRows = new NativeRows(type, n);
            dx = new NativeRows(type, nIn);
        }
        this.mb = mb;
        this.steps = steps;
        int rows = mb * steps;
        x.ensureRows(rows);
        z.ensureRows(rows);
        h.ensureRows(rows);
        epsRows.ensureRows(rows);
        dhRows.ensureRows(mb);
        dx.ensureRows(rows);
        gates = grow(gates, rows * 4 * n);
        cell = grow(cell, rows * n);
        cellAct = grow(cellAct, rows * n);
        eps = grow(eps, rows * n);
        hStep = grow(hStep, mb * n);
        dh = grow(dh, mb * n);
        dcNext = grow(dcNext, mb * n);
        dzStep = grow(dzStep, mb * 4 * n);
        if (biasGrad.length != 4 * n) {
            biasGrad = new double[4 * n];
            bias = new double[4 * n];
        }
    }

    private static double[] grow(double[] a, int len) {
        return a.length >= len ? a : new double[len];
    }
}
