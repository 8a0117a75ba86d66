package dev.lstmtuner.train;

import dev.lstmtuner.baseline.RidgeModel;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.stats.DieboldMariano;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/**
 * Scores a trained model on the test split beside two baselines on the same windows: the persistence forecast (next
 * price = last price) and a ridge regression ({@link RidgeModel}, the default {@code l2}) fitted on the same training
 * windows only, so a trial answers "beats a linear model" beside "beats persistence".
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** Test-split forecasts in price units, with what they are judged against (persistence and ridge). */
    public record TestForecast(long[] timeMs, double[] lastClose, double[] predicted, double[] actual, double[] ridge) {
    }

    public record Evaluation(FinalMetrics metrics, TestForecast forecast) {
    }

    public static Evaluation evaluate(MultiLayerNetwork net, Dataset ds, TrainResult result) {
        return evaluate(Forecaster.of(net), ds, result);
    }

    /** As {@link #evaluate(MultiLayerNetwork, Dataset, TrainResult)} for a model of any family. */
    public static Evaluation evaluate(Forecaster net, Dataset ds, TrainResult result) {
        Dataset.Split test = ds.test();
        double[] predicted = Forecasts.predictPrices(net, ds, test);
        ForecastMetrics model = Metrics.of(predicted, test.actualClose(), test.anchorClose());
        ForecastMetrics persistence = Metrics.of(test.anchorClose(), test.actualClose(), test.anchorClose());
        double skill = 1.0 - model.rmse() / persistence.rmse();
        DieboldMariano.Result dm = againstPersistence(predicted, test.anchorClose(), test.actualClose(), ds.horizon());
        double[] ridge = ridge(ds);
        DieboldMariano.Result dmRidge = ridge == null ? null
                : against(predicted, ridge, test.actualClose(), ds.horizon(), "the ridge baseline");
        FinalMetrics metrics = new FinalMetrics(model, persistence, skill, result.bestValRmse(), net.numParams(),
                result.epochs(), result.bestEpoch(), result.trainingSeconds(), test.n(),
                dm == null ? null : dm.statistic(), dm == null ? null : dm.pValue(), List.of(),
                ridge == null ? null : Metrics.rmse(ridge, test.actualClose()), dmRidge == null ? null : dmRidge.pValue());
        long[] times = new long[test.n()];
        for (int k = 0; k < test.n(); k++) times[k] = test.anchorTimeMs()[k];
        return new Evaluation(metrics, new TestForecast(times, test.anchorClose(), predicted, test.actualClose(), ridge));
    }

    /**
     * The ridge baseline's test forecasts in price units, fitted on the training windows only; null when it cannot
     * be solved (then the trial records no ridge verdict rather than a wrong one).
     */
    static double[] ridge(Dataset ds) {
        Dataset.Split train = ds.train();
        try {
            RidgeModel m = RidgeModel.fit(train.x(), train.y(), train.n(), ds.features() * ds.timeSteps(),
                    RunConfig.DEFAULTS.l2());
            double[] p = Forecasts.predictPrices(Forecaster.of(m), ds, ds.test());
            for (double v : p) if (!Double.isFinite(v)) return null;
            return p;
        } catch (IllegalArgumentException unsolvable) {
            return null;
        }
    }

    /** Diebold–Mariano of the forecasts against persistence (last close) on the same targets; null if too few. */
    public static DieboldMariano.Result againstPersistence(double[] predicted, double[] lastClose, double[] actual,
                                                           int horizon) {
        return against(predicted, lastClose, actual, horizon, "persistence");
    }

    /** Diebold–Mariano of the forecasts against a baseline's forecasts on the same targets; null if too few. */
    static DieboldMariano.Result against(double[] predicted, double[] baseline, double[] actual, int horizon,
                                         String name) {
        double[] model = new double[actual.length];
        double[] other = new double[actual.length];
        for (int k = 0; k < actual.length; k++) {
            model[k] = predicted[k] - actual[k];
            other[k] = baseline[k] - actual[k];
        }
        try {
            return DieboldMariano.test(model, other, horizon, "the model", name);
        } catch (IllegalArgumentException tooFew) {
            return null;
        }
    }
}
