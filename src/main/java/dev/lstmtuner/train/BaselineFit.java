package dev.lstmtuner.train;

import dev.lstmtuner.baseline.BaselineModel;
import dev.lstmtuner.baseline.Baselines;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.EpochMetrics;

import java.util.List;

/**
 * Fits a non-neural family ({@link Baselines}) as one training "epoch": the fit sees the training split only, and
 * the run records train and validation loss (scaled MSE) and validation RMSE like a network's first epoch, so the
 * store, pruners and the leaderboard treat every family alike. The fit is complete, so a listener's stop is moot.
 */
final class BaselineFit {
    private BaselineFit() {
    }

    record Fitted(BaselineModel model, TrainResult result) {
    }

    static Fitted fit(RunConfig c, Dataset ds, EpochListener listener) {
        long start = System.nanoTime();
        BaselineModel m = Baselines.fit(c, ds);
        Forecaster f = Forecaster.of(m);
        double trainLoss = mse(f, ds, ds.train());
        double valLoss = mse(f, ds, ds.val());
        double[] valPrices = Forecasts.predictPrices(f, ds, ds.val());
        double valRmse = Metrics.rmse(valPrices, ds.val().actualClose());
        double valDirection = Metrics.of(valPrices, ds.val().actualClose(), ds.val().anchorClose()).directionAccuracy();
        if (!Double.isFinite(valLoss)) {
            throw new TrainingFailedException("the " + c.model() + " model's validation loss is " + valLoss
                    + ": check the features for constant or extreme columns" + ("linear".equals(c.model())
                    ? ", or raise \"l2\"" : ""));
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        EpochMetrics epoch = new EpochMetrics(1, trainLoss, valLoss, valRmse, ms, valDirection);
        listener.onEpoch(epoch);
        return new Fitted(m, new TrainResult(List.of(epoch), 1, valLoss, valRmse,
                "fitted " + c.model() + " on the training split", false, ms / 1000.0));
    }

    private static double mse(Forecaster f, Dataset ds, Dataset.Split s) {
        float[] p = f.predictScaled(s.x(), s.anchor(), s.n(), ds.features(), ds.timeSteps());
        double sum = 0;
        for (int k = 0; k < s.n(); k++) {
            double d = p[k] - s.y()[k];
            sum += d * d;
        }
        return sum / s.n();
    }
}
