package dev.lstmtuner.model;

import static dev.lstmtuner.model.DoubleMaths.activate;
import static dev.lstmtuner.model.DoubleMaths.derivative;
import static dev.lstmtuner.model.DoubleMaths.sigmoid;

import java.util.Arrays;

/** The LSTM gate maths in double, one plain loop per step over the [mb, 4n] block (gates stay in rows). */
final class LstmDoubleSteps implements StepKernel {
    private final LstmWork w;
    private double[] gates = new double[0];
    /** c_{t-1} on entry to a forward step, c_t after it. */
    private double[] cell = new double[0];
    private double[] cellAct = new double[0];
    private double[] out = new double[0];
    private double[] cellPrev = new double[0];
    private double[] dh = new double[0];
    private double[] dcNext = new double[0];
    private double[] dz = new double[0];

    LstmDoubleSteps(LstmWork w) {
        this.w = w;
    }

    @Override
    public void beginForward() {
        int len = w.block();
        gates = DoubleMaths.grow(gates, 4 * len);
        cell = DoubleMaths.grow(cell, len);
        cellAct = DoubleMaths.grow(cellAct, len);
        out = DoubleMaths.grow(out, len);
        Arrays.fill(cell, 0, len, 0.0);
    }

    @Override
    public void forward(int t) {
        int n = w.n;
        int g4 = 4 * n;
        int len = w.block();
        long zAt = 4L * t * len;
        long at = (long) t * len;
        double[] b = w.bias;
        w.z.get(zAt, gates, 4 * len);
        for (int e = 0; e < w.mb; e++) {
            int gi = e * g4;
            int ci = e * n;
            for (int j = 0; j < n; j++) {
                double a = activate(w.kind, gates[gi + j] + b[j]);
                double f = sigmoid(gates[gi + n + j] + b[n + j]);
                double o = sigmoid(gates[gi + 2 * n + j] + b[2 * n + j]);
                double g = sigmoid(gates[gi + 3 * n + j] + b[3 * n + j]);
                gates[gi + j] = a;
                gates[gi + n + j] = f;
                gates[gi + 2 * n + j] = o;
                gates[gi + 3 * n + j] = g;
                double c = g * a + f * cell[ci + j];
                double tc = activate(w.kind, c);
                cell[ci + j] = c;
                cellAct[ci + j] = tc;
                out[ci + j] = o * tc;
            }
        }
        w.z.put(zAt, gates, 4 * len);
        w.cell.put(at, cell, len);
        w.cellAct.put(at, cellAct, len);
        w.h.put(at, out, len);
    }

    @Override
    public void beginBackward() {
        int len = w.block();
        cellPrev = DoubleMaths.grow(cellPrev, len);
        dh = DoubleMaths.grow(dh, len);
        dcNext = DoubleMaths.grow(dcNext, len);
        dz = DoubleMaths.grow(dz, 4 * len);
        Arrays.fill(dcNext, 0, len, 0.0);
        Arrays.fill(w.biasGrad, 0.0);
    }

    @Override
    public void backward(int t) {
        int n = w.n;
        int g4 = 4 * n;
        int len = w.block();
        long zAt = 4L * t * len;
        long at = (long) t * len;
        int kind = w.kind;
        double[] db = w.biasGrad;
        w.epsRows.get(at, dh, len);
        w.z.get(zAt, gates, 4 * len);
        w.cellAct.get(at, cellAct, len);
        if (t > 0) {
            w.cell.get(at - len, cellPrev, len);
        } else {
            Arrays.fill(cellPrev, 0, len, 0.0);
        }
        for (int e = 0; e < w.mb; e++) {
            int gi = e * g4;
            int ci = e * n;
            for (int j = 0; j < n; j++) {
                double dhj = dh[ci + j];
                double a = gates[gi + j];
                double f = gates[gi + n + j];
                double o = gates[gi + 2 * n + j];
                double g = gates[gi + 3 * n + j];
                double tc = cellAct[ci + j];
                double dc = dhj * o * derivative(kind, tc) + dcNext[ci + j];
                double dzi = dc * g * derivative(kind, a);
                double dzf = dc * cellPrev[ci + j] * f * (1 - f);
                double dzo = dhj * tc * o * (1 - o);
                double dzg = dc * a * g * (1 - g);
                dz[gi + j] = dzi;
                dz[gi + n + j] = dzf;
                dz[gi + 2 * n + j] = dzo;
                dz[gi + 3 * n + j] = dzg;
                db[j] += dzi;
                db[n + j] += dzf;
                db[2 * n + j] += dzo;
                db[3 * n + j] += dzg;
                dcNext[ci + j] = dc * f;
            }
        }
        w.z.put(zAt, dz, 4 * len);
    }

    @Override
    public void endBackward() {
    }
}
