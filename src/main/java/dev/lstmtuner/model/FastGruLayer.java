package dev.lstmtuner.model;

import org.deeplearning4j.nn.conf.RNNFormat;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link FastGru} layer, in FastLstmLayer's design: the input projection of all steps is one GEMM, each step
 * does one recurrent GEMM plus the gate maths in a Java loop, the forward state is kept for backprop, and the
 * input-weight, recurrent-weight and input gradients are one GEMM each over all steps. Equations: see {@link FastGru}.
 *
 * <p>Full sequences in NCW only: masks, weight noise, stateful inference (rnnTimeStep) and truncated BPTT are
 * refused with a message, since the forecaster never uses them.
 */
public class FastGruLayer extends BaseRecurrentLayer<FastGru> {
    private static final AtomicLong FORWARDS = new AtomicLong();
    private static final AtomicLong BACKWARDS = new AtomicLong();

    private final GruWork work = new GruWork();
    /** The (post-dropout) input whose full forward state {@link #work} holds; null when none is held. */
    private INDArray forwardStateOf;

    public FastGruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Forward and backward passes run by all GRU layers of this JVM (for tests and benchmarks). */
    public static long[] passCounts() {
        return new long[] {FORWARDS.get(), BACKWARDS.get()};
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        forwardStateOf = null;
        checkSupported();
        applyDropOutIfNecessary(training, workspaceMgr);
        forward();
        FORWARDS.incrementAndGet();
        forwardStateOf = training ? input : null;
        long mb = input.size(0);
        long t = input.size(2);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, work.type, new long[] {mb, work.n, t}, 'f');
        NcwCopy.ofThread().toNcw(work.h, out, work.type);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        checkSupported();
        applyDropOutIfNecessary(true, workspaceMgr);
        if (forwardStateOf != input) {
            forward();
        }
        forwardStateOf = null;
        backward(epsilon);
        BACKWARDS.incrementAndGet();

        INDArray gW = gradientViews.get(GruParamInitializer.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(GruParamInitializer.BIAS_KEY);
        INDArray gBh = gradientViews.get(GruParamInitializer.RECURRENT_BIAS_KEY);
        DataType type = work.type;
        int mb = work.mb;
        int n = work.n;
        int g3 = 3 * n;
        int nIn = work.nIn;
        int steps = work.steps;
        int rows = mb * steps;
        // column-major [r, c] gradients are row-major [c, r]: dW^T = dZx^T X, dRW^T = dZh[1..]^T H[..T-1]
        Gemm.gemm(type, true, false, g3, nIn, rows, work.zx.row(0), g3, work.x.row(0), nIn, 0.0, Gemm.of(gW), nIn);
        if (steps > 1) {
            Gemm.gemm(type, true, false, g3, n, rows - mb, work.zh.row(mb), g3, work.h.row(0), n, 0.0, Gemm.of(gRW), n);
        } else {
            gRW.assign(0);
        }
        Gemm.put(gB, work.biasGrad, g3);
        Gemm.put(gBh, work.hBiasGrad, n);
        // dX = dZx W^T (W's column-major memory is W^T row-major)
        Gemm.gemm(type, false, false, rows, nIn, g3, work.zx.row(0), g3,
                Gemm.of(getParam(GruParamInitializer.INPUT_WEIGHT_KEY)), nIn, 0.0, work.dx.row(0), nIn);
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type, new long[] {mb, nIn, steps}, 'f');
        NcwCopy.ofThread().toNcw(work.dx, epsNext, type);

        Gradient gradient = new DefaultGradient();
        Map<String, INDArray> g = gradient.gradientForVariable();
        g.put(GruParamInitializer.INPUT_WEIGHT_KEY, gW);
        g.put(GruParamInitializer.RECURRENT_WEIGHT_KEY, gRW);
        g.put(GruParamInitializer.BIAS_KEY, gB);
        g.put(GruParamInitializer.RECURRENT_BIAS_KEY, gBh);
        return new Pair<>(gradient, backpropDropOutIfPresent(epsNext));
    }

    private void checkSupported() {
        assertInputSet(false);
        if (input.rank() != 3) {
            throw new IllegalArgumentException("GRU layer " + layerId() + " needs input [batch, features, steps], got rank " + input.rank());
        }
        if (maskArray != null) {
            throw new UnsupportedOperationException("GRU layer " + layerId() + " does not support masks: use equal-length windows");
        }
        if (layerConf().getWeightNoise() != null) {
            throw new UnsupportedOperationException("GRU layer " + layerId() + " does not support weight noise");
        }
        if (getDataFormat() != RNNFormat.NCW) {
            throw new UnsupportedOperationException("GRU layer " + layerId() + " needs NCW data, got " + getDataFormat());
        }
    }

    /** Forward pass over {@link #input}; leaves gates, hn and outputs of every step in {@link #work}. */
    private void forward() {
        INDArray w = getParam(GruParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rw = getParam(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        int mb = (int) input.size(0);
        int nIn = (int) input.size(1);
        int steps = (int) input.size(2);
        int n = (int) rw.size(0);
        int g3 = 3 * n;
        DataType type = w.dataType();
        work.prepare(type, mb, nIn, n, steps);
        Gemm.get(getParam(GruParamInitializer.BIAS_KEY), work.bias, g3);
        Gemm.get(getParam(GruParamInitializer.RECURRENT_BIAS_KEY), work.hBias, n);
        int rows = mb * steps;
        // rows ordered (t, example): one GEMM gives every step's input projection
        NcwCopy.ofThread().fromNcw(input, work.x, type);
        Gemm.gemm(type, false, true, rows, g3, nIn, work.x.row(0), nIn, Gemm.of(w), nIn, 0.0, work.zx.row(0), g3);
        Pointer rwT = Gemm.of(rw);
        Arrays.fill(work.hStep, 0, mb * n, 0.0);
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                // H_{t-1} RW (RW's column-major memory is RW^T row-major)
                Gemm.gemm(type, false, true, mb, g3, n, work.h.row((t - 1) * mb), n, rwT, n, 0.0, work.hr.row(0), g3);
                work.hr.read(0, work.hrStep, 0, mb * g3);
            } else {
                Arrays.fill(work.hrStep, 0, mb * g3, 0.0);
            }
            long zAt = (long) t * mb * g3;
            long hAt = (long) t * mb * n;
            work.zx.read(zAt, work.gates, 0, mb * g3);
            forwardStep(work);
            work.zx.write(zAt, work.gates, 0, mb * g3);
            work.hn.write(hAt, work.hnStep, 0, mb * n);
            work.h.write(hAt, work.hStep, 0, mb * n);
        }
    }

    /** Gate maths of one step, in place on the input projections; h_{t-1} in hStep becomes h_t. */
    private static void forwardStep(GruWork work) {
        int mb = work.mb;
        int n = work.n;
        int g3 = 3 * n;
        double[] hr = work.hrStep;
        double[] gates = work.gates;
        double[] hn = work.hnStep;
        double[] h = work.hStep;
        double[] b = work.bias;
        double[] bh = work.hBias;
        for (int e = 0; e < mb; e++) {
            int si = e * g3;
            int ni = e * n;
            for (int j = 0; j < n; j++) {
                double r = sigmoid(gates[si + j] + b[j] + hr[si + j]);
                double z = sigmoid(gates[si + n + j] + b[n + j] + hr[si + n + j]);
                double hnj = hr[si + 2 * n + j] + bh[j];
                double c = tanh(gates[si + 2 * n + j] + b[2 * n + j] + r * hnj);
                gates[si + j] = r;
                gates[si + n + j] = z;
                gates[si + 2 * n + j] = c;
                hn[ni + j] = hnj;
                h[e * n + j] = (1 - z) * c + z * h[e * n + j];
            }
        }
    }

    /** Backprop through time; leaves dZx in work.zx, dZh in work.zh and the bias gradients. */
    private void backward(INDArray epsilon) {
        work.prepareBackward();
        Pointer rw = Gemm.of(getParam(GruParamInitializer.RECURRENT_WEIGHT_KEY));
        DataType type = work.type;
        int mb = work.mb;
        int n = work.n;
        int g3 = 3 * n;
        int steps = work.steps;
        Arrays.fill(work.biasGrad, 0.0);
        Arrays.fill(work.hBiasGrad, 0.0);
        Arrays.fill(work.dh, 0, mb * n, 0.0);
        Arrays.fill(work.dhDirect, 0, mb * n, 0.0);
        NcwCopy.ofThread().fromNcw(epsilon, work.epsRows, type);
        for (int t = steps - 1; t >= 0; t--) {
            work.epsRows.read((long) t * mb * n, work.eps, 0, mb * n);
            work.zx.read((long) t * mb * g3, work.gates, 0, mb * g3);
            work.hn.read((long) t * mb * n, work.hnStep, 0, mb * n);
            if (t < steps - 1) {
                work.dhRows.read(0, work.dh, 0, mb * n);
            }
            if (t > 0) {
                work.h.read((long) (t - 1) * mb * n, work.hPrev, 0, mb * n);
            } else {
                Arrays.fill(work.hPrev, 0, mb * n, 0.0);
            }
            backwardStep(work);
            work.zx.write((long) t * mb * g3, work.dzxStep, 0, mb * g3);
            work.zh.write((long) t * mb * g3, work.dzhStep, 0, mb * g3);
            if (t > 0) {
                // matrix part of dh_{t-1} = dZh_t RW^T (RW's memory is RW^T row-major)
                Gemm.gemm(type, false, false, mb, n, g3, work.zh.row(t * mb), g3, rw, n, 0.0, work.dhRows.row(0), n);
            }
        }
    }

    /** Gate gradients of step t from eps_t, the matrix part of dh and the direct (z * dh) part carried back. */
    private static void backwardStep(GruWork work) {
        int mb = work.mb;
        int n = work.n;
        int g3 = 3 * n;
        double[] gates = work.gates;
        double[] hn = work.hnStep;
        double[] eps = work.eps;
        double[] dhMat = work.dh;
        double[] direct = work.dhDirect;
        double[] hPrev = work.hPrev;
        double[] dzx = work.dzxStep;
        double[] dzh = work.dzhStep;
        double[] db = work.biasGrad;
        double[] dbh = work.hBiasGrad;
        for (int e = 0; e < mb; e++) {
            int si = e * g3;
            int ni = e * n;
            for (int j = 0; j < n; j++) {
                int k = e * n + j;
                double dh = eps[k] + dhMat[k] + direct[k];
                double r = gates[si + j];
                double z = gates[si + n + j];
                double c = gates[si + 2 * n + j];
                double dc = dh * (1 - z) * (1 - c * c);
                double dz = dh * (hPrev[k] - c) * z * (1 - z);
                double dhn = dc * r;
                double dr = dc * hn[ni + j] * r * (1 - r);
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
                direct[k] = dh * z;
            }
        }
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Via exp, which the JIT intrinsifies (StrictMath.tanh is several times slower). */
    private static double tanh(double x) {
        return 1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("GRU layer " + layerId() + ": rnnTimeStep is not supported; pass whole windows");
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("GRU layer " + layerId() + ": truncated BPTT is not supported");
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("GRU layer " + layerId() + ": truncated BPTT is not supported");
    }
}
