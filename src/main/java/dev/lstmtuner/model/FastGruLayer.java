package dev.lstmtuner.model;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@link FastGru} layer, in FastLstmLayer's design: the input projection of all steps is one GEMM, each step
 * does one recurrent GEMM plus the gate maths in a Java loop, the forward state is kept for backprop, and the
 * input-weight, recurrent-weight and input gradients are one GEMM each over all steps. Equations: see {@link FastGru}.
 *
 * <p>Full sequences in NCW on the CPU backend only: masks, weight noise, stateful inference (rnnTimeStep), truncated
 * BPTT and other backends ({@link Gemm} reads host memory) are refused with a message, since the forecaster never
 * uses the former and there is no GPU implementation.
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
        return SequencePasses.output(work, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        checkSupported();
        applyDropOutIfNecessary(true, workspaceMgr);
        if (forwardStateOf != input) {
            forward();
        }
        forwardStateOf = null;
        SequencePasses.backwardSteps(work, epsilon, getParam(GruParamInitializer.RECURRENT_WEIGHT_KEY));
        BACKWARDS.incrementAndGet();

        INDArray gW = gradientViews.get(GruParamInitializer.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(GruParamInitializer.BIAS_KEY);
        INDArray gBh = gradientViews.get(GruParamInitializer.RECURRENT_BIAS_KEY);
        SequencePasses.weightGradients(work, gW, gRW, gB);
        Gemm.put(gBh, work.hBiasGrad, work.n);
        INDArray epsNext = SequencePasses.inputGradient(work,
                getParam(GruParamInitializer.INPUT_WEIGHT_KEY), workspaceMgr);

        Gradient gradient = new DefaultGradient();
        Map<String, INDArray> g = gradient.gradientForVariable();
        g.put(GruParamInitializer.INPUT_WEIGHT_KEY, gW);
        g.put(GruParamInitializer.RECURRENT_WEIGHT_KEY, gRW);
        g.put(GruParamInitializer.BIAS_KEY, gB);
        g.put(GruParamInitializer.RECURRENT_BIAS_KEY, gBh);
        return new Pair<>(gradient, backpropDropOutIfPresent(epsNext));
    }

    private void checkSupported() {
        Backend backend = Backend.current();
        if (!backend.cpu()) {
            throw new UnsupportedOperationException("GRU layer " + layerId() + ": " + ModelFactory.gruRefusal(backend));
        }
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
        INDArray rw = getParam(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        // rows ordered (t, example): one GEMM gives every step's input projection
        SequencePasses.project(work, input, getParam(GruParamInitializer.INPUT_WEIGHT_KEY), (int) rw.size(0));
        Gemm.get(getParam(GruParamInitializer.BIAS_KEY), work.bias, 3 * work.n);
        Gemm.get(getParam(GruParamInitializer.RECURRENT_BIAS_KEY), work.hBias, work.n);
        // H_{t-1} RW per step into work.hr, then the gate maths
        SequencePasses.forwardSteps(work, rw, work.hr, false);
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
