package dev.lstmtuner.model;

import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.TimeSeriesUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's LSTM with a fast full-sequence path (same maths, same parameters, same gate order as the stock layer).
 *
 * <p>The stock layer runs about twenty small ND4J ops per time step, forward, and again in backprop (where it also
 * recomputes the forward pass). Here the input projection of all time steps is one GEMM, each step does only the
 * recurrent GEMM plus the gate maths ({@link StepKernel}: vectorised loops in float), the forward state is kept
 * for backprop instead of being recomputed, and the input-weight, recurrent-weight and input gradients are one
 * GEMM each over all time steps ({@link SequencePasses}).
 *
 * <p>Masks, weight noise, NWC data, gate functions other than sigmoid, cell activations other than
 * tanh/sigmoid/identity, the stateful paths (rnnTimeStep, truncated BPTT) and every backend but the CPU one (a
 * model file of a fast LSTM loaded under CUDA: {@link Gemm} reads host memory) use the stock code unchanged.
 */
public class FastLstmLayer extends LSTM {
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
        return SequencePasses.output(work, workspaceMgr);
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
        INDArray rw = getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        SequencePasses.backwardSteps(work, epsilon, rw);
        FAST_BACKWARDS.incrementAndGet();

        INDArray gW = gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(LSTMParamInitializer.BIAS_KEY);
        SequencePasses.weightGradients(work, gW, gRW, gB);
        INDArray epsNext = SequencePasses.inputGradient(work,
                getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY), workspaceMgr);

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
        return Backend.current().cpu()
                && input != null && input.rank() == 3
                && maskArray == null
                && conf.getWeightNoise() == null
                && helper == null
                && TimeSeriesUtils.getFormatFromRnnLayer(conf) == RNNFormat.NCW
                && conf.getGateActivationFn() instanceof ActivationSigmoid
                && activationKind(conf.getActivationFn()) >= 0
                && (type == DataType.FLOAT || type == DataType.DOUBLE)
                && SequencePasses.columnMajor(getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY))
                && SequencePasses.columnMajor(getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY))
                && SequencePasses.dense(getParam(LSTMParamInitializer.BIAS_KEY))
                && (gradientViews == null
                    || SequencePasses.columnMajor(gradientViews.get(LSTMParamInitializer.INPUT_WEIGHT_KEY))
                    && SequencePasses.columnMajor(gradientViews.get(LSTMParamInitializer.RECURRENT_WEIGHT_KEY))
                    && SequencePasses.dense(gradientViews.get(LSTMParamInitializer.BIAS_KEY)));
    }

    /**
     * How many forward and backward passes (all fast layers of this JVM together) took the fast path; the others
     * fell back to the stock maths. For benchmarks and tests, to show which code ran.
     */
    public static long[] fastPassCounts() {
        return new long[] {FAST_FORWARDS.get(), FAST_BACKWARDS.get()};
    }

    private static int activationKind(IActivation a) {
        if (a instanceof ActivationTanH) {
            return FloatLoops.TANH;
        }
        if (a instanceof ActivationSigmoid) {
            return FloatLoops.SIGMOID;
        }
        if (a instanceof ActivationIdentity) {
            return FloatLoops.IDENTITY;
        }
        return -1;
    }

    /** Forward pass over the whole sequence in {@link #input}; leaves gates, cells and outputs in {@link #work}. */
    private void forward() {
        INDArray rw = getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY);
        // rows ordered (t, example): one GEMM gives every step's input projection, Z = X W
        SequencePasses.project(work, input, getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY), (int) rw.size(0));
        work.kind = activationKind(layerConf().getActivationFn());
        Gemm.get(getParam(LSTMParamInitializer.BIAS_KEY), work.bias, 4 * work.n);
        // Z_t += H_{t-1} RW per step, then the gate maths
        SequencePasses.forwardSteps(work, rw, work.z, true);
    }
}
