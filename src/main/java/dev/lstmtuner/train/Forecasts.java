package dev.lstmtuner.train;

import dev.lstmtuner.features.Dataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs the network over a split and turns its scaled outputs back into prices. */
public final class Forecasts {
    private static final int CHUNK = 1024;

    private Forecasts() {
    }

    /** The network's raw (scaled) outputs for every window of the split, in order. */
    public static float[] predictScaled(MultiLayerNetwork net, Dataset ds, Dataset.Split split) {
        float[] out = new float[split.n()];
        int per = ds.features() * ds.timeSteps();
        for (int start = 0; start < split.n(); start += CHUNK) {
            int mb = Math.min(CHUNK, split.n() - start);
            float[] buf = new float[mb * per];
            System.arraycopy(split.x(), start * per, buf, 0, mb * per);
            INDArray x = Nd4j.create(buf, new long[]{mb, ds.features(), ds.timeSteps()}, 'c');
            INDArray y = net.output(x, false);
            float[] yv = y.reshape(mb).toFloatVector();
            System.arraycopy(yv, 0, out, start, mb);
        }
        return out;
    }

    /** Predicted close at anchor + horizon for each window, from scaled outputs. */
    public static double[] toPrices(Dataset ds, Dataset.Split split, float[] scaled) {
        double[] prices = new double[split.n()];
        boolean logReturn = "log_return".equals(ds.target());
        for (int k = 0; k < split.n(); k++) {
            double target = ds.targetScaler().invert(0, scaled[k]);
            prices[k] = logReturn ? split.anchorClose()[k] * Math.exp(target) : target;
        }
        return prices;
    }

    public static double[] predictPrices(MultiLayerNetwork net, Dataset ds, Dataset.Split split) {
        return toPrices(ds, split, predictScaled(net, ds, split));
    }
}
