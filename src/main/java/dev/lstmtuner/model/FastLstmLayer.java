package dev.lstmtuner.model;

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
public class FastLstmLayer extends org.deeplearning4j.nn.layers.recurrent.LSTM {
    private static final int TANH = 0;
    private static final int SIGMOID = 1;
    private static final int IDENTITY = 2;

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
        forwardStateOf = training ? input : null;
        long mb = input.size(0);
        long t = input.size(2);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, work.type, new long[] {mb, work.n, t}, 'f');
        return out.assign(work.h.shaped(t, mb, work.n).permute(1, 2, 0));
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

        INDArray gW = gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(LSTMParamInitializer.BIAS_KEY);
        int mb = work.mb;
        int steps = work.steps;
        int rows = mb * steps;
        INDArray dz = work.z.rows(0, rows);
        // all-steps weight gradients: one GEMM each
        Nd4j.gemm(work.x.rows(0, rows), dz, gW, true, false, 1.0, 0.0);
        if (steps > 1) {
            Nd4j.gemm(work.h.rows(0, rows - mb), work.z.rows(mb, rows - mb), gRW, true, false, 1.0, 0.0);
        } else {
            gRW.assign(0);
        }
        gB.assign(Nd4j.createFromArray(work.biasGrad).castTo(work.type).reshape(gB.shape()));
        // input gradient for all steps: one GEMM
        Nd4j.gemm(dz, getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY), work.dx.rows(0, rows), false, true, 1.0, 0.0);
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, work.type,
                new long[] {mb, work.nIn, steps}, 'f');
        epsNext.assign(work.dx.shaped(steps, mb, work.nIn).permute(1, 2, 0));

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
                && (type == DataType.FLOAT || type == DataType.DOUBLE);
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
        INDArray b = getParam(LSTMParamInitializer.BIAS_KEY);
        int mb = (int) input.size(0);
        int nIn = (int) input.size(1);
        int steps = (int) input.size(2);
        int n = (int) rw.size(0);
        work.prepare(w.dataType(), mb, nIn, n, steps);
        int rows = mb * steps;
        int g4 = 4 * n;
        int kind = activationKind(layerConf().getActivationFn());

        // rows ordered (t, example): one GEMM gives every step's input projection
        work.x.shaped(steps, mb, nIn).assign(input.permute(2, 0, 1));
        INDArray zAll = work.z.rows(0, rows);
        Nd4j.gemm(work.x.rows(0, rows), w, zAll, false, false, 1.0, 0.0);
        zAll.addiRowVector(b);

        double[] gates = work.gates;
        double[] cell = work.cell;
        double[] cellAct = work.cellAct;
        double[] hStep = work.hStep;
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                Nd4j.gemm(work.h.rows((t - 1) * mb, mb), rw, work.z.rows(t * mb, mb), false, false, 1.0, 1.0);
            }
            work.z.read((long) t * mb * g4, gates, t * mb * g4, mb * g4);
            for (int e = 0; e < mb; e++) {
                int r = t * mb + e;
                int gi = r * g4;
                int ci = r * n;
                int pi = ci - mb * n;
                for (int j = 0; j < n; j++) {
                    double a = activate(kind, gates[gi + j]);
                    double f = sigmoid(gates[gi + n + j]);
                    double o = sigmoid(gates[gi + 2 * n + j]);
                    double g = sigmoid(gates[gi + 3 * n + j]);
                    gates[gi + j] = a;
                    gates[gi + n + j] = f;
                    gates[gi + 2 * n + j] = o;
                    gates[gi + 3 * n + j] = g;
                    double c = g * a + (t > 0 ? f * cell[pi + j] : 0.0);
                    double tc = activate(kind, c);
                    cell[ci + j] = c;
                    cellAct[ci + j] = tc;
                    hStep[e * n + j] = o * tc;
                }
            }
            work.h.write((long) t * mb * n, hStep, 0, mb * n);
        }
    }

    /** Backprop through time; leaves dZ for all steps in work.z (overwriting the pre-activations) and db. */
    private void backward(INDArray epsilon) {
        INDArray rw = getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        int mb = work.mb;
        int n = work.n;
        int steps = work.steps;
        int g4 = 4 * n;
        int kind = activationKind(layerConf().getActivationFn());
        double[] gates = work.gates;
        double[] cell = work.cell;
        double[] cellAct = work.cellAct;
        double[] eps = work.eps;
        double[] dh = work.dh;
        double[] dcNext = work.dcNext;
        double[] dz = work.dzStep;
        double[] db = work.biasGrad;
        java.util.Arrays.fill(db, 0.0);
        java.util.Arrays.fill(dcNext, 0, mb * n, 0.0);

        work.epsRows.shaped(steps, mb, n).assign(epsilon.permute(2, 0, 1));
        work.epsRows.read(0, eps, 0, steps * mb * n);
        for (int t = steps - 1; t >= 0; t--) {
            if (t < steps - 1) {
                work.dhRows.read(0, dh, 0, mb * n);
            } else {
                java.util.Arrays.fill(dh, 0, mb * n, 0.0);
            }
            for (int e = 0; e < mb; e++) {
                int r = t * mb + e;
                int gi = r * g4;
                int ci = r * n;
                int pi = ci - mb * n;
                int di = e * g4;
                for (int j = 0; j < n; j++) {
                    double dhj = dh[e * n + j] + eps[ci + j];
                    double a = gates[gi + j];
                    double f = gates[gi + n + j];
                    double o = gates[gi + 2 * n + j];
                    double g = gates[gi + 3 * n + j];
                    double tc = cellAct[ci + j];
                    double dc = dhj * o * derivative(kind, tc) + dcNext[e * n + j];
                    double cPrev = t > 0 ? cell[pi + j] : 0.0;
                    double dzi = dc * g * derivative(kind, a);
                    double dzf = dc * cPrev * f * (1 - f);
                    double dzo = dhj * tc * o * (1 - o);
                    double dzg = dc * a * g * (1 - g);
                    dz[di + j] = dzi;
                    dz[di + n + j] = dzf;
                    dz[di + 2 * n + j] = dzo;
                    dz[di + 3 * n + j] = dzg;
                    db[j] += dzi;
                    db[n + j] += dzf;
                    db[2 * n + j] += dzo;
                    db[3 * n + j] += dzg;
                    dcNext[e * n + j] = dc * f;
                }
            }
            work.z.write((long) t * mb * g4, dz, 0, mb * g4);
            if (t > 0) {
                Nd4j.gemm(work.z.rows(t * mb, mb), rw, work.dhRows.rows(0, mb), false, true, 1.0, 0.0);
            }
        }
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    private static double activate(int kind, double x) {
        switch (kind) {
            case TANH:
                return Math.tanh(x);
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
