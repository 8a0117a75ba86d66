package dev.lstmtuner.train;

import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.Scaler;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Runs the network over windows and turns its scaled outputs back into prices. Evaluation and {@link Predictor}
 * both come through here, so a saved model predicts exactly what its trial reported.
 */
public final class Forecasts {
    /**
     * Windows per inference batch. Small, so inference never grows the recurrent layers' per-batch buffers much beyond
     * training's (at 120 steps and 256 units one LSTM layer holds about 1 MB per window) and padding a short split to
     * whole chunks costs little.
     */
    private static final int CHUNK = 64;

    private Forecasts() {
    }

    /** The network's raw (scaled) outputs for every window of the split, in order. */
    public static float[] predictScaled(MultiLayerNetwork net, Dataset ds, Dataset.Split split) {
        return predictScaled(net, split.x(), split.anchor(), split.n(), ds.features(), ds.timeSteps());
    }

    /**
     * Raw outputs for {@code n} windows laid out flat in NCW order ({@link Dataset.Split#x()}).
     * <p>
     * The native matrix kernels round a row differently depending on the batch's size and the row's place in it,
     * so a window's forecast would change in its last bits with the windows around it. To make a window's output
     * depend on the window alone, every batch has exactly {@code CHUNK} rows and window k always sits at row
     * {@code anchor[k] % CHUNK} of batch {@code anchor[k] / CHUNK}; unused rows are zeros. Evaluation and
     * {@link Predictor} thus give bit-identical forecasts for the same bars.
     *
     * @param anchor each window's anchor bar index, strictly ascending
     */
    public static float[] predictScaled(MultiLayerNetwork net, float[] x, int[] anchor, int n, int features,
                                        int timeSteps) {
        float[] out = new float[n];
        int per = features * timeSteps;
        float[] buf = new float[CHUNK * per];
        for (int k = 0; k < n; ) {
            int batch = anchor[k] / CHUNK;
            int end = k;
            Arrays.fill(buf, 0f);
            for (; end < n && anchor[end] / CHUNK == batch; end++) {
                if (end > k && anchor[end] <= anchor[end - 1]) {
                    throw new IllegalArgumentException("anchors must ascend: " + anchor[end - 1] + ", " + anchor[end]);
                }
                System.arraycopy(x, end * per, buf, (anchor[end] % CHUNK) * per, per);
            }
            INDArray in = Nd4j.create(buf, new long[]{CHUNK, features, timeSteps}, 'c');
            float[] y = net.output(in, false).reshape(CHUNK).toFloatVector();
            for (int j = k; j < end; j++) out[j] = y[anchor[j] % CHUNK];
            k = end;
        }
        return out;
    }

    /** Predicted close at anchor + horizon for each window, from scaled outputs. */
    public static double[] toPrices(Dataset ds, Dataset.Split split, float[] scaled) {
        return toPrices(ds.targetScaler(), ds.target(), split.anchorClose(), scaled);
    }

    /**
     * @param target      log_return (the output is the log return to anchor + horizon) or close (the price itself)
     * @param anchorClose the close at each window's anchor bar
     */
    public static double[] toPrices(Scaler targetScaler, String target, double[] anchorClose, float[] scaled) {
        double[] prices = new double[scaled.length];
        boolean logReturn = "log_return".equals(target);
        for (int k = 0; k < scaled.length; k++) {
            double value = targetScaler.invert(0, scaled[k]);
            prices[k] = logReturn ? anchorClose[k] * Math.exp(value) : value;
        }
        return prices;
    }

    public static double[] predictPrices(MultiLayerNetwork net, Dataset ds, Dataset.Split split) {
        return toPrices(ds, split, predictScaled(net, ds, split));
    }
}
