package dev.lstmtuner.model;

import static dev.lstmtuner.model.DoubleMaths.sigmoid;
import static dev.lstmtuner.model.DoubleMaths.tanh;

import java.util.Arrays;

/** The GRU gate maths in double, one plain loop per step over the [mb, 3n] block (gates stay in rows). */
final class GruDoubleSteps implements StepKernel {
    private final GruWork w;
    private double[] gates = new double[0];
    private double[] rec = new double[0];
    private double[] hn = new double[0];
    /** h_t of the current step; h_{t-1} until the step overwrites it element by element. */
    private double[] out = new double[0];
    private double[] outPrev = new double[0];
    private double[] dh = new double[0];
    private double[] direct = new double[0];
    private double[] dzx = new double[0];
    private double[] dzh = new double[0];

    GruDoubleSteps(GruWork w) {
        this.w = w;
    }

    @Override
    public void beginForward() {
        int len = w.block();
        gates = DoubleMaths.grow(gates, 3 * len);
        rec = DoubleMaths.grow(rec, 3 * len);
        hn = DoubleMaths.grow(hn, len);
        out = DoubleMaths.grow(out, len);
        Arrays.fill(out, 0, len, 0.0);
    }

    @Override
    public void forward(int t) {
        int n = w.n;
        int g3 = 3 * n;
        int len = w.block();
        long zAt = 3L * t * len;
        long at = (long) t * len;
        double[] b = w.bias;
        double[] bh = w.hBias;
        w.zx.get(zAt, gates, 3 * len);
        if (t > 0) {
            w.hr.get(0, rec, 3 * len);
        } else {
            Arrays.fill(rec, 0, 3 * len, 0.0);
        }
        for (int e = 0; e < w.mb; e++) {
            int si = e * g3;
            int ni = e * n;
            for (int j = 0; j < n; j++) {
                double r = sigmoid(gates[si + j] + b[j] + rec[si + j]);
                double z = sigmoid(gates[si + n + j] + b[n + j] + rec[si + n + j]);
                double hnj = rec[si + 2 * n + j] + bh[j];
                double c = tanh(gates[si + 2 * n + j] + b[2 * n + j] + r * hnj);
                gates[si + j] = r;
                gates[si + n + j] = z;
                gates[si + 2 * n + j] = c;
                hn[ni + j] = hnj;
                out[ni + j] = (1 - z) * c + z * out[ni + j];
            }
        }
        w.zx.put(zAt, gates, 3 * len);
        w.hn.put(at, hn, len);
        w.h.put(at, out, len);
    }

    @Override
    public void beginBackward() {
        int len = w.block();
        outPrev = DoubleMaths.grow(outPrev, len);
        dh = DoubleMaths.grow(dh, len);
        direct = DoubleMaths.grow(direct, len);
        dzx = DoubleMaths.grow(dzx, 3 * len);
        dzh = DoubleMaths.grow(dzh, 3 * len);
        Arrays.fill(direct, 0, len, 0.0);
        Arrays.fill(w.biasGrad, 0.0);
        Arrays.fill(w.hBiasGrad, 0.0);
    }

    @Override
    public void backward(int t) {
        int n = w.n;
        int g3 = 3 * n;
        int len = w.block();
        long zAt = 3L * t * len;
        long at = (long) t * len;
        double[] db = w.biasGrad;
        double[] dbh = w.hBiasGrad;
        w.epsRows.get(at, dh, len);
        w.zx.get(zAt, gates, 3 * len);
        w.hn.get(at, hn, len);
        if (t > 0) {
            w.h.get(at - len, outPrev, len);
        } else {
            Arrays.fill(outPrev, 0, len, 0.0);
        }
        for (int e = 0; e < w.mb; e++) {
            int si = e * g3;
            int ni = e * n;
            for (int j = 0; j < n; j++) {
                int k = ni + j;
                double d = dh[k] + direct[k];
                double r = gates[si + j];
                double z = gates[si + n + j];
                double c = gates[si + 2 * n + j];
                double dc = d * (1 - z) * (1 - c * c);
                double dz = d * (outPrev[k] - c) * z * (1 - z);
                double dhn = dc * r;
                double dr = dc * hn[k] * r * (1 - r);
                dzx[si + j] = dr;
                dzx[si + n + j] = dz;
                dzx[si + 2 * n + j] = dc;
                dzh[si + j] = dr;
                dzh[si + n + j] = dz;
                dzh[si + 2 * n + j] = dhn;
                db[j] += dr;
                db[n + j] += dz;
                db[2 * n + j] += dc;
                dbh[j] += dhn;
                direct[k] = d * z;
            }
        }
        w.zx.put(zAt, dzx, 3 * len);
        w.zh.put(zAt, dzh, 3 * len);
    }

    @Override
    public void endBackward() {
    }
}
