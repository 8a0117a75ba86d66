package dev.lstmtuner.train;

import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.WalkForward;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores walk-forward folds ({@link FoldMetrics}) and builds the headline evaluation of a refit. Each fold's model is
 * scored beside persistence on its own validation block (the fields named test* of its FoldMetrics hold that block),
 * so nothing a fold records comes from the test split; the headline is the test split's score of the model kept,
 * beside persistence and the ridge baseline fitted on the same training windows.
 */
final class FoldScores {
    private FoldScores() {
    }

    /** One trained fold: its plan, windows, training run and evaluation on its validation block. */
    record FoldRun(WalkForward.Fold fold, Dataset dataset, TrainResult result, Evaluator.Evaluation evaluation,
                   FoldMetrics metrics) {
    }

    /** Scores a fold's model beside persistence on its validation block: bars selection may see. */
    static FoldRun score(Series series, WalkForward.Fold fold, Dataset ds, Forecaster net, TrainResult r) {
        Dataset scored = new Dataset(ds.featureNames(), ds.timeSteps(), ds.horizon(), ds.target(),
                ds.train(), ds.val(), ds.val(), ds.featureScaler(), ds.targetScaler(), ds.warmupRowsDropped(),
                ds.windowsSkippedAtGaps());
        Evaluator.Evaluation e = Evaluator.evaluate(net, scored, r);
        FinalMetrics m = e.metrics();
        Dataset.Split block = scored.test();
        long from = series.timeMs()[block.anchor()[0] + ds.horizon()];
        long to = series.timeMs()[block.anchor()[block.n() - 1] + ds.horizon()];
        FoldMetrics fm = new FoldMetrics(fold.number(), ds.train().n(), ds.val().n(), block.n(), from, to,
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

    /** The refit's epochs: the median of the folds' best epochs (the upper middle one for an even count). */
    static int medianBestEpoch(List<FoldRun> runs) {
        int[] best = runs.stream().mapToInt(r -> r.result().bestEpoch()).sorted().toArray();
        return Math.max(1, best[best.length / 2]);
    }

    /**
     * The headline evaluation of a refit trial: the refit model's test metrics and Diebold–Mariano test against
     * persistence on the test split, the mean best validation RMSE over folds, epochs and seconds summed over folds
     * and the refit, the refit's epochs as the best epoch, and every fold's scores.
     */
    static Evaluator.Evaluation headline(List<FoldRun> runs, Forecaster refit, Dataset ds, TrainResult result) {
        Evaluator.Evaluation e = Evaluator.evaluate(refit, ds, result);
        FinalMetrics t = e.metrics();
        int epochs = result.epochs();
        double valRmse = 0, seconds = result.trainingSeconds();
        List<FoldMetrics> folds = new ArrayList<>(runs.size());
        for (FoldRun r : runs) {
            epochs += r.result().epochs();
            valRmse += r.result().bestValRmse();
            seconds += r.result().trainingSeconds();
            folds.add(r.metrics());
        }
        FinalMetrics m = new FinalMetrics(t.model(), t.persistence(), t.skill(), valRmse / runs.size(), t.params(),
                epochs, result.bestEpoch(), seconds, t.testWindows(), t.persistenceStatistic(), t.persistencePValue(), folds,
                t.ridgeRmse(), t.ridgePValue());
        return new Evaluator.Evaluation(m, e.forecast());
    }
}
