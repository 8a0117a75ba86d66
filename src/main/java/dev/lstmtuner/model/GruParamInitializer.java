package dev.lstmtuner.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitUtil;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of a {@link FastGru} layer, flattened in this order: W [nIn, 3n], RW [n, 3n] (both column-major, as
 * DL4J lays out its LSTM weights), b [1, 3n] and bh [1, n]. Gate blocks are PyTorch's order r, z, n; b is the bias
 * of the input side, bh the bias of the recurrent part of the candidate gate (b_hn). PyTorch's b_hr and b_hz only
 * ever appear summed with b_ir and b_iz, so they are folded into b.
 */
public final class GruParamInitializer implements ParamInitializer {
    public static final String INPUT_WEIGHT_KEY = "W";
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    public static final String BIAS_KEY = "b";
    public static final String RECURRENT_BIAS_KEY = "bh";

    private static final GruParamInitializer INSTANCE = new GruParamInitializer();
    private static final List<String> KEYS = List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY, RECURRENT_BIAS_KEY);

    public static GruParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FastGru c = (FastGru) layer;
        long n = c.getNOut();
        return c.getNIn() * 3 * n + n * 3 * n + 3 * n + n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS_KEY, RECURRENT_BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return INPUT_WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key) || RECURRENT_BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FastGru c = (FastGru) conf.getLayer();
        Map<String, INDArray> views = views(c, paramsView);
        if (initializeParams) {
            long nIn = c.getNIn();
            long n = c.getNOut();
            IWeightInit recurrent = c.getWeightInitFnRecurrent() != null ? c.getWeightInitFnRecurrent() : c.getWeightInitFn();
            c.getWeightInitFn().init(nIn, 3 * n, new long[] {nIn, 3 * n}, 'f', views.get(INPUT_WEIGHT_KEY));
            recurrent.init(n, 3 * n, new long[] {n, 3 * n}, 'f', views.get(RECURRENT_WEIGHT_KEY));
            views.get(BIAS_KEY).assign(c.getBiasInit());
            views.get(RECURRENT_BIAS_KEY).assign(c.getBiasInit());
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((FastGru) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(FastGru c, INDArray flat) {
        long nIn = c.getNIn();
        long n = c.getNOut();
        long w = nIn * 3 * n;
        long rw = n * 3 * n;
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.put(INPUT_WEIGHT_KEY, WeightInitUtil.reshapeWeights(new long[] {nIn, 3 * n},
                v.get(NDArrayIndex.interval(0, w)), 'f'));
        out.put(RECURRENT_WEIGHT_KEY, WeightInitUtil.reshapeWeights(new long[] {n, 3 * n},
                v.get(NDArrayIndex.interval(w, w + rw)), 'f'));
        out.put(BIAS_KEY, v.get(NDArrayIndex.interval(w + rw, w + rw + 3 * n)).reshape(1, 3 * n));
        out.put(RECURRENT_BIAS_KEY, v.get(NDArrayIndex.interval(w + rw + 3 * n, w + rw + 4 * n)).reshape(1, n));
        return out;
    }
}
