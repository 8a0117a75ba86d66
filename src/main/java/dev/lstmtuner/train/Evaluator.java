package dev.lstmtuner.train;

import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.stats.DieboldMariano;
import dev.lstmtuner.stats.PersistenceVerdict;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

/** Scores a trained network on the test split beside the persistence forecast (next price = last price). */
public final class Evaluator {
    private Evaluator() {
    }

    /** Test-split forecasts in price units, with what they are judged against. */
    public record TestForecast(long[] timeMs, double[] lastClose, double[] predicted, double[] actual) {
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
        FinalMetrics metrics = new FinalMetrics(model, persistence, skill, result.bestValRmse(), net.numParams(),
                result.epochs(), result.bestEpoch(), result.trainingSeconds(), test.n(),
                dm == null ? null : dm.statistic(), dm == null ? null : dm.pValue(), List.of());
        long[] times = new long[test.n()];
        for (int k = 0; k < test.n(); k++) times[k] = test.anchorTimeMs()[k];
        return new Evaluation(metrics, new TestForecast(times, test.anchorClose(), predicted, test.actualClose()));
    }

    /** Diebold–Mariano of the forecasts against persistence (last close) on the same targets; null if too few. */
    public static DieboldMariano.Result againstPersistence(double[] predicted, double[] lastClose, double[] actual,
                                                           int horizon) {
        double[] model = new double[actual.length];
        double[] naive = new double[actual.length];
        for (int k = 0; k < actual.length; k++) {
            model[k] = predicted[k] - actual[k];
            naive[k] = lastClose[k] - actual[k];
        }
        try {
            return PersistenceVerdict.test(model, naive, horizon);
        } catch (IllegalArgumentException tooFew) {
            return null;
        }
    }
}
