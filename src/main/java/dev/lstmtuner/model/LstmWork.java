package dev.lstmtuner.model;

import org.nd4j.linalg.api.buffer.DataType;

/** One fast LSTM layer's buffers (see {@link RecurrentWork}) and the step kernel of its data type. */
final class LstmWork extends RecurrentWork {
    /** Cell/input activation: {@link FloatLoops#TANH}, SIGMOID or IDENTITY. */
    int kind;
    /**
     * Gate pre-activations, [T*mb, 4n]; after each step's maths its gate activations (in the kernel's own layout),
     * then in backprop dZ.
     */
    NativeRows z;
    /** Cell states c_t, [T*mb, n]. */
    NativeRows cell;
    /** act(c_t), [T*mb, n]. */
    NativeRows cellAct;
    LstmWork() {
        super(4);
    }

    @Override
    NativeRows projections() {
        return z;
    }

    @Override
    NativeRows recurrentGradients() {
        return z;
    }

    @Override
    void allocate() {
        z = new NativeRows(type, 4 * n);
        cell = new NativeRows(type, n);
        cellAct = new NativeRows(type, n);
        kernel = type == DataType.FLOAT ? new LstmFloatSteps(this) : new LstmDoubleSteps(this);
    }

    @Override
    void ensureForward(int rows) {
        z.ensureRows(rows);
        cell.ensureRows(rows);
        cellAct.ensureRows(rows);
    }

    @Override
    void ensureBackward(int rows) {
    }
}
