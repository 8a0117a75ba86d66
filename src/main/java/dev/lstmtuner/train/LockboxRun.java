package dev.lstmtuner.train;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.FeatureBuilder;
import dev.lstmtuner.features.FeatureMatrix;
import dev.lstmtuner.features.Lockbox;
import dev.lstmtuner.features.TrainingHistory;
import dev.lstmtuner.features.WalkForward;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.LockboxScore;

/**
 * Scores one configuration on the lockbox: trained from scratch (its seed) on every bar before the lockbox less the
 * purge, for the epochs its trial chose (the refit's median best epoch, or the single split's best epoch), keeping
 * the last weights, and scored beside persistence on the windows whose targets lie in the lockbox. The only code
 * that reads a lockbox bar; search/LockboxGuard decides when it may run.
 */
public final class LockboxRun {
    private LockboxRun() {
    }

    public static LockboxScore score(RunConfig c, int trialNumber, int epochs) {
        return score(c, trialNumber, epochs,
                DataSource.load(c.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows(), c.dateRange()));
    }

    public static LockboxScore score(RunConfig c, int trialNumber, int epochs, LoadedData data) {
        if (c.lockbox() == null) throw new BadInputException("the config has no \"lockbox\": nothing to score");
        Series all = data.series();
        int start = Lockbox.start(all, c.lockbox());
        int trainEnd = start - TrialRunner.purge(c);
        FeatureMatrix fm = FeatureBuilder.build(all, c.features());
        // history_days counts back from the lockbox, the boundary this final model is scored across
        int trainStart = Math.max(fm.firstRow(), TrainingHistory.start(all.timeMs(), start, c.historyDays()));
        WalkForward.Fold cut = new WalkForward.Fold(0, 1, trainStart, trainEnd, trainEnd, trainEnd, start, all.size());
        Dataset ds = WalkForward.build(all, fm, cut, c.timeSteps(), c.horizon(), c.target(), c.scaler());
        NativeRuntime.useThreads(c.threads());
        Refit.Fitted fit = Refit.fit(c, ds, epochs, (e, b, n, t) -> { });
        FinalMetrics m = Evaluator.evaluate(fit.forecaster(), ds, fit.result()).metrics();
        Dataset.Split test = ds.test();
        long from = all.timeMs()[test.anchor()[0] + c.horizon()];
        long to = all.timeMs()[test.anchor()[test.n() - 1] + c.horizon()];
        return new LockboxScore(trialNumber, m.model().rmse(), m.persistence().rmse(), m.skill(),
                m.persistenceStatistic(), m.persistencePValue(), test.n(), from, to, fit.result().epochs());
    }
}
