package dev.lstmtuner.train;

import dev.lstmtuner.config.FidelityStep;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.EpochMetrics;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch training with early stopping on validation loss: patience counts epochs since the val loss last fell
 * by more than min_delta (relative to, or in units of, the val loss at that last improvement), while the weights
 * kept are those of the lowest val loss however small its lead. Training windows are shuffled within the training
 * split only, by a generator seeded from the run's seed, so the same seed and thread count give bit-identical runs.
 * The network ends holding the weights of its best validation epoch. A dataset without validation windows (the refit
 * of nested walk-forward) trains exactly {@code max_epochs} epochs and keeps the last weights: nothing is chosen.
 * With a {@code fidelity} schedule in the config, an epoch trains on the most recent share of the training windows
 * the schedule gives it (the end of the training split, never a validation or test bar) and is validated on the
 * whole validation split as always; the fidelity is recorded with the epoch.
 */
public final class Trainer {
    /** Called after every mini-batch: for progress bars. */
    public interface BatchProgress {
        void onBatch(int epoch, int batch, int batches, long epochStartNanos);
    }

    private final RunConfig config;
    private BatchProgress progress = (e, b, n, t) -> { };

    public Trainer(RunConfig config) {
        this.config = config;
    }

    public Trainer withBatchProgress(BatchProgress progress) {
        this.progress = progress;
        return this;
    }

    public TrainResult train(MultiLayerNetwork net, Dataset ds, EpochListener listener) {
        Dataset.Split train = ds.train();
        int per = ds.features() * ds.timeSteps();
        int[] order = recentWindows(train.n(), train.n());
        Random shuffle = new Random(config.seed());

        List<EpochMetrics> curve = new ArrayList<>();
        INDArray bestParams = net.params().dup();
        double bestValLoss = Double.POSITIVE_INFINITY;
        double bestValRmse = Double.NaN;
        int bestEpoch = 0;
        EarlyStopping patience = new EarlyStopping(config);
        String stopReason = "reached max_epochs (" + config.maxEpochs() + ")";
        boolean pruned = false;
        long runStart = System.nanoTime();
        boolean refit = ds.val().n() == 0;
        if (refit) stopReason = "refit: " + config.maxEpochs() + " epochs on the development region";

        for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            long epochStart = System.nanoTime();
            double fidelity = FidelityStep.at(config.fidelity(), epoch);
            int active = FidelityStep.windows(train.n(), fidelity);
            // a new share starts from the chronological order, so the same schedule and seed give the same batches
            if (active != order.length) order = recentWindows(train.n(), active);
            shuffle(order, shuffle);
            int batch = Math.min(config.batchSize(), active);
            int batches = (active + batch - 1) / batch;
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int mb = Math.min(batch, active - from);
                float[] xb = new float[mb * per];
                float[] yb = new float[mb];
                for (int k = 0; k < mb; k++) {
                    int w = order[from + k];
                    System.arraycopy(train.x(), w * per, xb, k * per, per);
                    yb[k] = train.y()[w];
                }
                INDArray x = Nd4j.create(xb, new long[]{mb, ds.features(), ds.timeSteps()}, 'c');
                INDArray y = Nd4j.create(yb, new long[]{mb, 1}, 'c');
                net.fit(new DataSet(x, y));
                double loss = net.score();
                if (!Double.isFinite(loss)) throw nanFailure(epoch, b + 1, batches, loss);
                lossSum += loss * mb;
                progress.onBatch(epoch, b + 1, batches, epochStart);
            }
            double trainLoss = lossSum / active;
            if (refit) {
                curve.add(new EpochMetrics(epoch, trainLoss, Double.NaN, Double.NaN,
                        (System.nanoTime() - epochStart) / 1_000_000, Double.NaN, fidelity));
                bestEpoch = epoch;
                continue;
            }
            float[] valScaled = Forecasts.predictScaled(net, ds, ds.val());
            double valLoss = mse(valScaled, ds.val().y());
            if (!Double.isFinite(valLoss)) throw nanFailure(epoch, batches, batches, valLoss);
            double[] valPrices = Forecasts.toPrices(ds, ds.val(), valScaled);
            double valRmse = Metrics.rmse(valPrices, ds.val().actualClose());
            double valDirection = Metrics.of(valPrices, ds.val().actualClose(), ds.val().anchorClose()).directionAccuracy();
            EpochMetrics m = new EpochMetrics(epoch, trainLoss, valLoss, valRmse, (System.nanoTime() - epochStart) / 1_000_000,
                    valDirection, fidelity);
            curve.add(m);
            if (valLoss < bestValLoss) {
                bestValLoss = valLoss;
                bestValRmse = valRmse;
                bestEpoch = epoch;
                bestParams.assign(net.params());
            }
            boolean stalled = patience.observe(valLoss);
            EpochListener.Verdict verdict = listener.onEpoch(m);
            if (verdict.stop()) {
                stopReason = verdict.reason();
                pruned = true;
                break;
            }
            if (stalled) {
                stopReason = "early stopping: val loss did not improve" + (config.minDelta() > 0 ? " by more than min_delta "
                        + config.minDelta() + ("absolute".equals(config.minDeltaMode()) ? "" : " (relative)") : "")
                        + " for " + config.patience() + " epochs after epoch " + bestEpoch;
                break;
            }
        }
        if (!refit) net.setParams(bestParams);
        return new TrainResult(List.copyOf(curve), bestEpoch, bestValLoss, bestValRmse, stopReason, pruned,
                (System.nanoTime() - runStart) / 1e9);
    }

    private TrainingFailedException nanFailure(int epoch, int batch, int batches, double loss) {
        return new TrainingFailedException("loss became " + loss + " at epoch " + epoch + " (batch " + batch + " of "
                + batches + "): lower the learning rate (now " + config.learningRate() + ")"
                + (config.clipNorm() > 0 ? ", lower clip_norm (now " + config.clipNorm() + ")"
                : " or enable gradient clipping (\"clip_norm\": 1.0)"));
    }

    /**
     * The indices of the last {@code active} of the {@code n} training windows, oldest first: windows are in
     * chronological order, so these are the most recent ones, ending where the training split ends.
     */
    static int[] recentWindows(int n, int active) {
        int[] out = new int[active];
        for (int i = 0; i < active; i++) out[i] = n - active + i;
        return out;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }

    private static double mse(float[] pred, float[] actual) {
        double s = 0;
        for (int i = 0; i < pred.length; i++) {
            double d = pred[i] - actual[i];
            s += d * d;
        }
        return s / pred.length;
    }
}
