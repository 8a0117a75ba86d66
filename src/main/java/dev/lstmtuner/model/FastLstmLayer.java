package dev.lstmtuner.model;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's LSTM with a fast full-sequence path (same maths, same parameters, same gate order as the stock layer).
 *
 * <p>The stock layer runs about twenty small ND4J ops per time step, forward, and again in backprop (where it also
 * recomputes the forward pass). Here the input projection of all time steps is one GEMM, each step does only the
 * recurrent GEMM plus the gate maths in a plain Java loop over one block copied from native memory, the forward
 * state is kept for backprop instead of being recomputed, and the input-weight, recurrent-weight and input
 * gradients are one GEMM each over all time steps.
 *
 * <p>Masks, weight noise, NWC data, gate functions other than sigmoid, cell activations other than
 * tanh/sigmoid/identity, and the stateful paths (rnnTimeStep, truncated BPTT) use the stock code unchanged.
 */
public class FastLstmLayer extends LSTM {
    private static final int TANH = 0;
    private static final int SIGMOID = 1;
    private static final int IDENTITY = 2;

    private static final AtomicLong FAST_FORWARDS = new AtomicLong();
    private static final AtomicLong FAST_BACKWARDS = new AtomicLong();

    private final LstmWork work = new LstmWork();
    /** The (post-dropout) input whose forward state {@link #work} holds for backprop; null when none is held. */
    private INDArray forwardStateOf;

    public FastLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        forwardStateOf = null;
        if (!fastPathApplies()) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        forward();
        FAST_FORWARDS.incrementAndGet();
        forwardStateOf = training ? input : null;
        long mb = input.size(0);
        long t = input.size(2);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, work.type, new long[] {mb, work.n, t}, 'f');
        NcwCopy.ofThread().toNcw(work.h, out, work.type);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPathApplies() || epsilon.rank() != 3) {
            forwardStateOf = null;
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaceMgr);
        if (forwardStateOf != input) {
            forward();
        }
        forwardStateOf = null;
        backward(epsilon);
        FAST_BACKWARDS.incrementAndGet();

        INDArray gW = gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(LSTMParamInitializer.BIAS_KEY);
        DataType type = work.type;
        int mb = work.mb;
        int n = work.n;
        int nIn = work.nIn;
        int steps = work.steps;
        int rows = mb * steps;
        // all-steps weight gradients, one GEMM each. Column-major [r, c] gradients are row-major [c, r]:
        // dW^T = dZ^T X, dRW^T = dZ[1..]^T H[..T-1]
        Gemm.gemm(type, true, false, 4 * n, nIn, rows, work.z.row(0), 4 * n, work.x.row(0), nIn, 0.0, Gemm.of(gW), nIn);
        if (steps > 1) {
            Gemm.gemm(type, true, false, 4 * n, n, rows - mb, work.z.row(mb), 4 * n, work.h.row(0), n, 0.0,
                    Gemm.of(gRW), n);
        } else {
            gRW.assign(0);
        }
        Gemm.put(gB, work.biasGrad, 4 * n);
        // input gradient for all steps, one GEMM: dX = dZ W^T (W's column-major memory is W^T row-major)
        Gemm.gemm(type, false, false, rows, nIn, 4 * n, work.z.row(0), 4 * n,
                Gemm.of(getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY)), nIn, 0.0, work.dx.row(0), nIn);
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type,
                new long[] {mb, nIn, steps}, 'f');
        NcwCopy.ofThread().toNcw(work.dx, epsNext, type);

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(LSTMParamInitializer.INPUT_WEIGHT_KEY, gW);
        gradient.gradientForVariable().put(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, gRW);
        gradient.gradientForVariable().put(LSTMParamInitializer.BIAS_KEY, gB);
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(epsNext));
    }

    private boolean fastPathApplies() {
        org.deeplearning4j.nn.conf.layers.LSTM conf = layerConf();
        DataType type = getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY).dataType();
        return input != null && input.rank() == 3
                && maskArray == null
                && conf.getWeightNoise() == null
                && helper == null
                && TimeSeriesUtils.getFormatFromRnnLayer(conf) == RNNFormat.NCW
                && conf.getGateActivationFn() instanceof ActivationSigmoid
                && activationKind(conf.getActivationFn()) >= 0
                && (type == DataType.FLOAT || type == DataType.DOUBLE)
                && columnMajor(getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY))
                && columnMajor(getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY))
                && dense(getParam(LSTMParamInitializer.BIAS_KEY))
                && (gradientViews == null
                    || columnMajor(gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY))
                    && columnMajor(gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY))
                    && dense(gradientViews.get(LSTMParamInitializer.BIAS_KEY)));
    }

    /** DL4J keeps the bias as a vector: [4n] (M2.1) or [1, 4n]. */
    private static boolean dense(INDArray bias) {
        if (bias.rank() == 1) {
            return bias.stride(0) == 1;
        }
        return bias.rank() == 2 && bias.size(0) == 1 && (bias.stride(1) == 1 || bias.size(1) == 1);
    }

    /**
     * How many forward and backward passes (all fast layers of this JVM together) took the fast path; the others
     * fell back to the stock maths. For benchmarks and tests, to show which code ran.
     */
    public static long[] fastPassCounts() {
        return new long[] {FAST_FORWARDS.get(), FAST_BACKWARDS.get()};
    }

    /** The raw GEMMs read parameters (and write their gradients) as dense column-major matrices, as DL4J lays them out. */
    private static boolean columnMajor(INDArray a) {
        return a.rank() == 2 && a.stride(0) == 1 && a.stride(1) == a.size(0);
    }

    private static int activationKind(IActivation a) {
        if (a instanceof ActivationTanH) {
            return TANH;
        }
        if (a instanceof ActivationSigmoid) {
            return SIGMOID;
        }
        if (a instanceof ActivationIdentity) {
            return IDENTITY;
        }
        return -1;
    }

    /** Forward pass over the whole sequence in {@link #input}; leaves gates, cells and outputs in {@link #work}. */
    private void forward() {
        INDArray w = getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rw = getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        int mb = (int) input.size(0);
        int nIn = (int) input.size(1);
        int steps = (int) input.size(2);
        int n = (int) rw.size(0);
        DataType type = w.dataType();
        work.prepare(type, mb, nIn, n, steps);
        work.kind = activationKind(layerConf().getActivationFn());
        Gemm.get(getParam(LSTMParamInitializer.BIAS_KEY), work.bias, 4 * n);
        int rows = mb * steps;
        int g4 = 4 * n;
        // rows ordered (t, example): one GEMM gives every step's input projection, Z = X W
        NcwCopy.ofThread().fromNcw(input, work.x, type);
        org.bytedeco.javacpp.Pointer rwT = Gemm.of(rw);
        Gemm.gemm(type, false, true, rows, g4, nIn, work.x.row(0), nIn, Gemm.of(w), nIn, 0.0, work.z.row(0), g4);
        Arrays.fill(work.cellStep, 0, mb * n, 0.0);
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                // Z_t += H_{t-1} RW (RW's column-major memory is RW^T row-major)
                Gemm.gemm(type, false, true, mb, g4, n, work.h.row((t - 1) * mb), n, rwT, n, 1.0, work.z.row(t * mb), g4);
            }
            long zAt = (long) t * mb * g4;
            long cAt = (long) t * mb * n;
            work.z.read(zAt, work.gates, 0, mb * g4);
            forwardStep(work, t);
            work.z.write(zAt, work.gates, 0, mb * g4);
            work.cell.write(cAt, work.cellStep, 0, mb * n);
            work.cellAct.write(cAt, work.cellActStep, 0, mb * n);
            work.h.write(cAt, work.hStep, 0, mb * n);
        }
    }

    /** Gate maths of one step, in place on the pre-activations; c_{t-1} in cellStep becomes c_t. */
    private static void forwardStep(LstmWork work, int t) {
        int mb = work.mb;
        int n = work.n;
        int g4 = 4 * n;
        int kind = work.kind;
        double[] gates = work.gates;
        double[] cell = work.cellStep;
        double[] cellAct = work.cellActStep;
        double[] hStep = work.hStep;
        double[] bias = work.bias;
        for (int e = 0; e < mb; e++) {
            int gi = e * g4;
            int ci = e * n;
            for (int j = 0; j < n; j++) {
                double a = activate(kind, gates[gi + j] + bias[j]);
                double f = sigmoid(gates[gi + n + j] + bias[n + j]);
                double o = sigmoid(gates[gi + 2 * n + j] + bias[2 * n + j]);
                double g = sigmoid(gates[gi + 3 * n + j] + bias[3 * n + j]);
                gates[gi + j] = a;
                gates[gi + n + j] = f;
                gates[gi + 2 * n + j] = o;
                gates[gi + 3 * n + j] = g;
                double c = g * a + (t > 0 ? f * cell[ci + j] : 0.0);
                double tc = activate(kind, c);
                cell[ci + j] = c;
                cellAct[ci + j] = tc;
                hStep[ci + j] = o * tc;
            }
        }
    }

    /** Backprop through time; leaves dZ for all steps in work.z (overwriting the gate activations) and db. */
    private void backward(INDArray epsilon) {
        work.prepareBackward();
        org.bytedeco.javacpp.Pointer rw = Gemm.of(getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY));
        DataType type = work.type;
        int mb = work.mb;
        int n = work.n;
        int steps = work.steps;
        int g4 = 4 * n;
        Arrays.fill(work.biasGrad, 0.0);
        Arrays.fill(work.dcNext, 0, mb * n, 0.0);
        Arrays.fill(work.dh, 0, mb * n, 0.0);
        Arrays.fill(work.cellPrev, 0, mb * n, 0.0);

        NcwCopy.ofThread().fromNcw(epsilon, work.epsRows, type);
        for (int t = steps - 1; t >= 0; t--) {
            long zAt = (long) t * mb * g4;
            long cAt = (long) t * mb * n;
            if (t < steps - 1) {
                work.dhRows.read(0, work.dh, 0, mb * n);
            }
            work.epsRows.read(cAt, work.eps, 0, mb * n);
            work.z.read(zAt, work.gates, 0, mb * g4);
            work.cellAct.read(cAt, work.cellActStep, 0, mb * n);
            if (t > 0) {
                work.cell.read(cAt - (long) mb * n, work.cellPrev, 0, mb * n);
            } else {
                Arrays.fill(work.cellPrev, 0, mb * n, 0.0);
            }
            backwardStep(work);
            work.z.write(zAt, work.dzStep, 0, mb * g4);
            if (t > 0) {
                // recurrent part of dh_{t-1} = dZ_t RW^T (RW's memory is RW^T row-major)
                Gemm.gemm(type, false, false, mb, n, g4, work.z.row(t * mb), g4, rw, n, 0.0, work.dhRows.row(0), n);
            }
        }
    }

    /** Gate gradients dZ_t of one step from dh (recurrent part) + eps_t and the carried cell gradient. */
    private static void backwardStep(LstmWork work) {
        int mb = work.mb;
        int n = work.n;
        int g4 = 4 * n;
        int kind = work.kind;
        double[] gates = work.gates;
        double[] cellPrev = work.cellPrev;
        double[] cellAct = work.cellActStep;
        double[] eps = work.eps;
        double[] dh = work.dh;
        double[] dcNext = work.dcNext;
        double[] dz = work.dzStep;
        double[] db = work.biasGrad;
        for (int e = 0; e < mb; e++) {
            int gi = e * g4;
            int ci = e * n;
            for (int j = 0; j < n; j++) {
                double dhj = dh[ci + j] + eps[ci + j];
                double a = gates[gi + j];
                double f = gates[gi + n + j];
                double o = gates[gi + 2 * n + j];
                double g = gates[gi + 3 * n + j];
                double tc = cellAct[ci + j];
                double dc = dhj * o * derivative(kind, tc) + dcNext[ci + j];
                double cPrev = cellPrev[ci + j];
                double dzi = dc * g * derivative(kind, a);
                double dzf = dc * cPrev * f * (1 - f);
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
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    private static double activate(int kind, double x) {
        switch (kind) {
            case TANH:
                // via exp, which the JIT intrinsifies; StrictMath.tanh was a fifth of the layer's time
                return 1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0);
            case SIGMOID:
                return sigmoid(x);
            default:
                return x;
        }
    }

    /** The activation's derivative, written in terms of its output {@code y}. */
    private static double derivative(int kind, double y) {
        switch (kind) {
            case TANH:
                return 1 - y * y;
            case SIGMOID:
                return y * (1 - y);
            default:
                return 1;
        }
    }
}
