package dev.lstmtuner.model;

import static dev.lstmtuner.model.FloatLoops.SIGMOID;

import java.util.Arrays;

/**
 * The LSTM gate maths in float, vectorised: each step's [mb, 4n] pre-activations are split into one [mb, n] array
 * per gate (block input a, forget f, output o, input modulation g, DL4J's order), so every loop of
 * {@link FloatLoops} runs over whole arrays. The gate activations are stored per gate ([4][mb, n] in the step's
 * rows of {@code z}) for backprop, which overwrites them with dZ in rows again.
 */
final class LstmFloatSteps implements StepKernel {
    private static final int A = 0;
    private static final int F = 1;
    private static final int O = 2;
    private static final int G = 3;

    private final LstmWork w;
    private float[] rows = new float[0];
    private final float[][] gate = new float[4][0];
    private final float[][] bias = new float[4][0];
    private float[] cell = new float[0];
    private float[] cellAct = new float[0];
    private float[] out = new float[0];
    private float[] cellPrev = new float[0];
    private float[] dh = new float[0];
    private float[] dc = new float[0];
    private float[] dcNext = new float[0];
    private float[] tmp = new float[0];
    private final float[][] dz = new float[4][0];
    private final float[][] biasGrad = new float[4][0];

    LstmFloatSteps(LstmWork w) {
        this.w = w;
    }

    @Override
    public void beginForward() {
        int len = w.block();
        rows = FloatLoops.grow(rows, 4 * len);
        for (int q = 0; q < 4; q++) {
            gate[q] = FloatLoops.grow(gate[q], len);
            bias[q] = FloatLoops.grow(bias[q], len);
            FloatLoops.broadcastRows(w.bias, q * w.n, bias[q], w.mb, w.n);
        }
        cell = FloatLoops.grow(cell, len);
        cellAct = FloatLoops.grow(cellAct, len);
        out = FloatLoops.grow(out, len);
        Arrays.fill(cell, 0, len, 0f);
    }

    @Override
    public void forward(int t) {
        int len = w.block();
        long zAt = 4L * t * len;
        long at = (long) t * len;
        w.z.get(zAt, rows, 4 * len);
        FloatLoops.split(rows, gate, w.mb, w.n);
        FloatLoops.activate(w.kind, gate[A], bias[A], len);
        FloatLoops.activate(SIGMOID, gate[F], bias[F], len);
        FloatLoops.activate(SIGMOID, gate[O], bias[O], len);
        FloatLoops.activate(SIGMOID, gate[G], bias[G], len);
        // c_t = g a + f c_{t-1}, in place over c_{t-1} (zero before step 0)
        FloatLoops.mulAdd(cell, gate[G], gate[A], gate[F], cell, len);
        FloatLoops.apply(w.kind, cellAct, cell, len);
        FloatLoops.mul(out, gate[O], cellAct, len);
        for (int q = 0; q < 4; q++) {
            w.z.put(zAt + (long) q * len, gate[q], len);
        }
        w.cell.put(at, cell, len);
        w.cellAct.put(at, cellAct, len);
        w.h.put(at, out, len);
    }

    @Override
    public void beginBackward() {
        int len = w.block();
        cellPrev = FloatLoops.grow(cellPrev, len);
        dh = FloatLoops.grow(dh, len);
        dc = FloatLoops.grow(dc, len);
        dcNext = FloatLoops.grow(dcNext, len);
        tmp = FloatLoops.grow(tmp, len);
        for (int q = 0; q < 4; q++) {
            dz[q] = FloatLoops.grow(dz[q], len);
            biasGrad[q] = FloatLoops.grow(biasGrad[q], len);
            Arrays.fill(biasGrad[q], 0, len, 0f);
        }
        Arrays.fill(dcNext, 0, len, 0f);
    }

    @Override
    public void backward(int t) {
        int len = w.block();
        long zAt = 4L * t * len;
        long at = (long) t * len;
        int kind = w.kind;
        w.epsRows.get(at, dh, len);
        for (int q = 0; q < 4; q++) {
            w.z.get(zAt + (long) q * len, gate[q], len);
        }
        w.cellAct.get(at, cellAct, len);
        if (t > 0) {
            w.cell.get(at - len, cellPrev, len);
        } else {
            Arrays.fill(cellPrev, 0, len, 0f);
        }
        // dc = dh o act'(c) + dc_{t+1} f_{t+1} (carried in dcNext)
        FloatLoops.mul(tmp, dh, gate[O], len);
        FloatLoops.timesDerivative(kind, dc, tmp, cellAct, len);
        FloatLoops.add(dc, dcNext, len);
        FloatLoops.mul(tmp, dh, cellAct, len);
        FloatLoops.timesDerivative(SIGMOID, dz[O], tmp, gate[O], len);
        FloatLoops.mul(tmp, dc, gate[G], len);
        FloatLoops.timesDerivative(kind, dz[A], tmp, gate[A], len);
        FloatLoops.mul(tmp, dc, cellPrev, len);
        FloatLoops.timesDerivative(SIGMOID, dz[F], tmp, gate[F], len);
        FloatLoops.mul(tmp, dc, gate[A], len);
        FloatLoops.timesDerivative(SIGMOID, dz[G], tmp, gate[G], len);
        FloatLoops.mul(dcNext, dc, gate[F], len);
        for (int q = 0; q < 4; q++) {
            FloatLoops.add(biasGrad[q], dz[q], len);
        }
        FloatLoops.join(dz, rows, w.mb, w.n);
        w.z.put(zAt, rows, 4 * len);
    }

    @Override
    public void endBackward() {
        Arrays.fill(w.biasGrad, 0.0);
        for (int q = 0; q < 4; q++) {
            FloatLoops.addColumnSums(biasGrad[q], w.mb, w.n, w.biasGrad, q * w.n);
        }
    }
}
