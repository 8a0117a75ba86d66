package dev.lstmtuner.train;

import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.WalkForward;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.stats.DieboldMariano;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores walk-forward folds: each fold's validation and test results ({@link FoldMetrics}), and the headline
 * metrics over the pooled test windows of all folds. The test blocks are consecutive and do not overlap, so the
 * pooled windows are the test split's windows, each forecast by the fold model trained only on bars before its
 * block; the model is judged against persistence on exactly those windows.
 */
final class FoldScores {
    private FoldScores() {
    }

    /** One trained fold: its plan, windows, training run and test evaluation. */
    record FoldRun(WalkForward.Fold fold, Dataset dataset, TrainResult result, Evaluator.Evaluation evaluation,
                   FoldMetrics metrics) {
    }

    static FoldRun score(Series series, WalkForward.Fold fold, Dataset ds, Forecaster net, TrainResult r) {
        Evaluator.Evaluation e = Evaluator.evaluate(net, ds, r);
        FinalMetrics m = e.metrics();
        Dataset.Split test = ds.test();
        long from = series.timeMs()[test.anchor()[0] + ds.horizon()];
        long to = series.timeMs()[test.anchor()[test.n() - 1] + ds.horizon()];
        FoldMetrics fm = new FoldMetrics(fold.number(), ds.train().n(), ds.val().n(), test.n(), from, to,
                r.bestValRmse(), r.bestValLoss(), r.epochs(), r.bestEpoch(), m.model(), m.persistence(), m.skill(),
                m.persistencePValue(), valBlocks(net, ds, fold), r.bestValDirectionAccuracy());
        return new FoldRun(fold, ds, r, e, fm);
    }

    /**
     * Validation RMSE of the network on each of {@link FoldMetrics#VAL_BLOCKS} consecutive stretches of the fold's
     * validation region, cut by target bar so that trials with other window lengths get the same blocks; NaN for a
     * block without windows (all skipped at gaps).
     */
    static List<Double> valBlocks(Forecaster net, Dataset ds, WalkForward.Fold fold) {
        Dataset.Split val = ds.val();
        double[] predicted = Forecasts.predictPrices(net, ds, val);
        int length = fold.valEnd() - fold.valStart();
        int blocks = Math.min(FoldMetrics.VAL_BLOCKS, length);
        double[] sum = new double[blocks];
        int[] n = new int[blocks];
        for (int k = 0; k < val.n(); k++) {
            int b = (int) ((long) (val.anchor()[k] + ds.horizon() - fold.valStart()) * blocks / length);
            double d = predicted[k] - val.actualClose()[k];
            sum[b] += d * d;
            n[b]++;
        }
        List<Double> out = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) out.add(n[b] == 0 ? Double.NaN : Math.sqrt(sum[b] / n[b]));
        return out;
    }

    /**
     * The headline evaluation of several folds: test metrics and the Diebold–Mariano test against persistence over
     * the pooled test windows, the mean best validation RMSE over folds, epochs and seconds summed over folds, and
     * the last fold's best epoch (the model that is kept). One fold gives its own evaluation unchanged.
     */
    static Evaluator.Evaluation pooled(List<FoldRun> runs, long params) {
        if (runs.size() == 1) return runs.get(0).evaluation();
        int n = 0;
        for (FoldRun r : runs) n += r.evaluation().forecast().actual().length;
        long[] time = new long[n];
        double[] last = new double[n], predicted = new double[n], actual = new double[n];
        int at = 0, epochs = 0;
        double valRmse = 0, seconds = 0;
        List<FoldMetrics> folds = new ArrayList<>(runs.size());
        for (FoldRun r : runs) {
            Evaluator.TestForecast f = r.evaluation().forecast();
            int len = f.actual().length;
            System.arraycopy(f.timeMs(), 0, time, at, len);
            System.arraycopy(f.lastClose(), 0, last, at, len);
            System.arraycopy(f.predicted(), 0, predicted, at, len);
            System.arraycopy(f.actual(), 0, actual, at, len);
            at += len;
            epochs += r.result().epochs();
            valRmse += r.result().bestValRmse();
            seconds += r.result().trainingSeconds();
            folds.add(r.metrics());
        }
        ForecastMetrics model = Metrics.of(predicted, actual, last);
        ForecastMetrics persistence = Metrics.of(last, actual, last);
        double skill = 1.0 - model.rmse() / persistence.rmse();
        FoldRun lastFold = runs.get(runs.size() - 1);
        DieboldMariano.Result dm = Evaluator.againstPersistence(predicted, last, actual, lastFold.dataset().horizon());
        FinalMetrics m = new FinalMetrics(model, persistence, skill, valRmse / runs.size(), params, epochs,
                lastFold.result().bestEpoch(), seconds, n, dm == null ? null : dm.statistic(),
                dm == null ? null : dm.pValue(), folds);
        return new Evaluator.Evaluation(m, new Evaluator.TestForecast(time, last, predicted, actual));
    }
}
