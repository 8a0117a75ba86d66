package dev.lstmtuner.model;

import static dev.lstmtuner.model.FloatLoops.SIGMOID;
import static dev.lstmtuner.model.FloatLoops.TANH;

import java.util.Arrays;

/**
 * The GRU gate maths in float, vectorised as in {@link LstmFloatSteps}: each step's [mb, 3n] input and recurrent
 * projections are split into one [mb, n] array per gate (r, z, n); the gates are stored per gate ([3][mb, n] in
 * the step's rows of {@code zx}) for backprop, which overwrites them with dZx in rows.
 */
final class GruFloatSteps implements StepKernel {
    private static final int R = 0;
    private static final int Z = 1;
    private static final int N = 2;

    private final GruWork w;
    private float[] rows = new float[0];
    private final float[][] gate = new float[3][0];
    private final float[][] rec = new float[3][0];
    private final float[][] bias = new float[3][0];
    private float[] hBias = new float[0];
    private float[] out = new float[0];
    private float[] tmp = new float[0];
    private float[] dh = new float[0];
    private float[] direct = new float[0];
    private float[] outPrev = new float[0];
    private final float[][] dzx = new float[3][0];
    private float[] dhn = new float[0];
    /** dZh's parts: dr and dz (shared with dZx) and dhn. */
    private final float[][] dzh = new float[3][];
    private final float[][] biasGrad = new float[4][0];

    GruFloatSteps(GruWork w) {
        this.w = w;
    }

    @Override
    public void beginForward() {
        int len = w.block();
        rows = FloatLoops.grow(rows, 3 * len);
        for (int q = 0; q < 3; q++) {
            gate[q] = FloatLoops.grow(gate[q], len);
            rec[q] = FloatLoops.grow(rec[q], len);
            bias[q] = FloatLoops.grow(bias[q], len);
            FloatLoops.broadcastRows(w.bias, q * w.n, bias[q], w.mb, w.n);
        }
        hBias = FloatLoops.grow(hBias, len);
        FloatLoops.broadcastRows(w.hBias, 0, hBias, w.mb, w.n);
        out = FloatLoops.grow(out, len);
        tmp = FloatLoops.grow(tmp, len);
        Arrays.fill(out, 0, len, 0f);
    }

    @Override
    public void forward(int t) {
        int len = w.block();
        long zAt = 3L * t * len;
        long at = (long) t * len;
        w.zx.get(zAt, rows, 3 * len);
        FloatLoops.split(rows, gate, w.mb, w.n);
        if (t > 0) {
            w.hr.get(0, rows, 3 * len);
            FloatLoops.split(rows, rec, w.mb, w.n);
        } else {
            for (float[] r : rec) {
                Arrays.fill(r, 0, len, 0f);
            }
        }
        FloatLoops.add(gate[R], rec[R], len);
        FloatLoops.activate(SIGMOID, gate[R], bias[R], len);
        FloatLoops.add(gate[Z], rec[Z], len);
        FloatLoops.activate(SIGMOID, gate[Z], bias[Z], len);
        // hn = h_{t-1} RW_n + bh; n = tanh(x W_n + b_n + r hn)
        FloatLoops.add(rec[N], hBias, len);
        FloatLoops.mul(tmp, gate[R], rec[N], len);
        FloatLoops.add(gate[N], tmp, len);
        FloatLoops.activate(TANH, gate[N], bias[N], len);
        FloatLoops.blend(out, gate[Z], gate[N], len);
        for (int q = 0; q < 3; q++) {
            w.zx.put(zAt + (long) q * len, gate[q], len);
        }
        w.hn.put(at, rec[N], len);
        w.h.put(at, out, len);
    }

    @Override
    public void beginBackward() {
        int len = w.block();
        dh = FloatLoops.grow(dh, len);
        direct = FloatLoops.grow(direct, len);
        outPrev = FloatLoops.grow(outPrev, len);
        for (int q = 0; q < 3; q++) {
            dzx[q] = FloatLoops.grow(dzx[q], len);
        }
        dhn = FloatLoops.grow(dhn, len);
        dzh[R] = dzx[R];
        dzh[Z] = dzx[Z];
        dzh[N] = dhn;
        for (int q = 0; q < 4; q++) {
            biasGrad[q] = FloatLoops.grow(biasGrad[q], len);
            Arrays.fill(biasGrad[q], 0, len, 0f);
        }
        Arrays.fill(direct, 0, len, 0f);
    }

    @Override
    public void backward(int t) {
        int len = w.block();
        long zAt = 3L * t * len;
        long at = (long) t * len;
        w.epsRows.get(at, dh, len);
        for (int q = 0; q < 3; q++) {
            w.zx.get(zAt + (long) q * len, gate[q], len);
        }
        float[] hn = rec[N];
        w.hn.get(at, hn, len);
        if (t > 0) {
            w.h.get(at - len, outPrev, len);
        } else {
            Arrays.fill(outPrev, 0, len, 0f);
        }
        // dh_t = eps_t + dZh_{t+1} RW^T (both in epsRows) + z_{t+1} dh_{t+1} (carried in direct)
        FloatLoops.add(dh, direct, len);
        float[] dr = dzx[R];
        float[] dz = dzx[Z];
        float[] dc = dzx[N];
        FloatLoops.mulOneMinus(tmp, dh, gate[Z], len);
        FloatLoops.timesDerivative(TANH, dc, tmp, gate[N], len);
        FloatLoops.sub(tmp, outPrev, gate[N], len);
        FloatLoops.mul(tmp, tmp, dh, len);
        FloatLoops.timesDerivative(SIGMOID, dz, tmp, gate[Z], len);
        FloatLoops.mul(dhn, dc, gate[R], len);
        FloatLoops.mul(tmp, dc, hn, len);
        FloatLoops.timesDerivative(SIGMOID, dr, tmp, gate[R], len);
        FloatLoops.mul(direct, dh, gate[Z], len);
        FloatLoops.add(biasGrad[R], dr, len);
        FloatLoops.add(biasGrad[Z], dz, len);
        FloatLoops.add(biasGrad[N], dc, len);
        FloatLoops.add(biasGrad[3], dhn, len);
        FloatLoops.join(dzx, rows, w.mb, w.n);
        w.zx.put(zAt, rows, 3 * len);
        FloatLoops.join(dzh, rows, w.mb, w.n);
        w.zh.put(zAt, rows, 3 * len);
    }

    @Override
    public void endBackward() {
        Arrays.fill(w.biasGrad, 0.0);
        Arrays.fill(w.hBiasGrad, 0.0);
        for (int q = 0; q < 3; q++) {
            FloatLoops.addColumnSums(biasGrad[q], w.mb, w.n, w.biasGrad, q * w.n);
        }
        FloatLoops.addColumnSums(biasGrad[3], w.mb, w.n, w.hBiasGrad, 0);
    }
}
