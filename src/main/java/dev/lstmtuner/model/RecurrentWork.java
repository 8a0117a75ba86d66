package dev.lstmtuner.model;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * The buffers every fast recurrent layer needs, in native memory of the network's data type and kept outside
 * DL4J's workspaces: inputs, outputs, output gradients and input gradients, all in rows (t, example). The cells add
 * their own. Buffers grow to the largest batch seen and are then reused, so training allocates nothing per step,
 * and the Java heap a layer needs does not grow with the sequence (the gate maths' Java arrays hold one step).
 */
abstract class RecurrentWork {
    /** Gate blocks per step: 4 for LSTM, 3 for GRU. */
    final int gates;
    DataType type;
    int mb;
    int nIn;
    int n;
    int steps;
    /** Per-step bias of the gate pre-activations, [gates*n]. */
    double[] bias = new double[0];
    /** Its gradient, [gates*n]. */
    double[] biasGrad = new double[0];

    /** Inputs, [T*mb, nIn]. */
    NativeRows x;
    /** Outputs h_t, [T*mb, n]. */
    NativeRows h;
    /** Output gradients from the layer above, then each step's whole dh_t (the recurrent part added), [T*mb, n]. */
    NativeRows epsRows;
    /** Input gradients, [T*mb, nIn]. */
    NativeRows dx;
    /** The gate maths for the current data type. */
    StepKernel kernel;

    RecurrentWork(int gates) {
        this.gates = gates;
    }

    /** Sizes the forward buffers for a batch; a new type or layer shape replaces them. */
    final void prepare(DataType type, int mb, int nIn, int n, int steps) {
        if (type != this.type || nIn != this.nIn || n != this.n) {
            this.type = type;
            this.nIn = nIn;
            this.n = n;
            x = new NativeRows(type, nIn);
            h = new NativeRows(type, n);
            epsRows = new NativeRows(type, n);
            dx = new NativeRows(type, nIn);
            bias = new double[gates * n];
            biasGrad = new double[gates * n];
            allocate();
        }
        this.mb = mb;
        this.steps = steps;
        int rows = mb * steps;
        x.ensureRows(rows);
        h.ensureRows(rows);
        ensureForward(rows);
    }

    /** Sizes the buffers only backprop needs. */
    final void prepareBackward() {
        int rows = mb * steps;
        epsRows.ensureRows(rows);
        dx.ensureRows(rows);
        ensureBackward(rows);
    }

    /** Elements of one step's [mb, n] block. */
    final int block() {
        return mb * n;
    }

    /** The input projections X W, [T*mb, gates*n]; after backprop the input-side gate gradients dZ. */
    abstract NativeRows projections();

    /** After backprop: the gate gradients on the recurrent side, whose product with RW^T is dh_{t-1}. */
    abstract NativeRows recurrentGradients();

    /** New cell buffers and {@link #kernel} for the current type and shape. */
    abstract void allocate();

    abstract void ensureForward(int rows);

    abstract void ensureBackward(int rows);
}
