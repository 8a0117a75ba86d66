package dev.lstmtuner.train;

import dev.lstmtuner.baseline.Baselines;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.FeatureBuilder;
import dev.lstmtuner.features.FeatureMatrix;
import dev.lstmtuner.features.Lockbox;
import dev.lstmtuner.features.ScalerFitting;
import dev.lstmtuner.features.TrainingHistory;
import dev.lstmtuner.features.WalkForward;
import dev.lstmtuner.model.ModelFactory;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.Objective;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * One configuration end to end: load and validate the data, build causal features and windows, train, evaluate.
 * The train command, search workers and reproduce all run trials through here, so they cannot drift apart.
 * <p>
 * Nested walk-forward ({@link WalkForward}): the configuration is trained from scratch (same seed) on each fold, each
 * with its own train-only scalers and early stopping on its own validation block; the objective is the mean over
 * folds of the best validation score. Folds never read the test region. With one fold its model scores the test
 * split; with k > 1 a run whose folds all complete is refit once on the whole development region for the median of
 * the folds' best epochs, and that model scores the test split (the headline metrics) and is the model kept. A pruned
 * run is never refit. With a lockbox the trial is handed only the bars before it ({@link Lockbox#trialBars}).
 */
public final class TrialRunner {
    private TrialRunner() {
    }

    /**
     * Data made ready for a config: the bars a trial may read (the lockbox cut off), their fingerprint, features, the
     * fold plan and the headline windows ({@code dataset}: the single split with one fold, the refit's with more).
     * The folds' windows are cut on demand by {@link #fold}, so only one extra fold is in memory at a time.
     */
    public record Prepared(LoadedData data, DataFingerprint.Fingerprint fingerprint, Dataset dataset,
                           FeatureMatrix features, WalkForward.Plan plan, RunConfig config, PipelineChange change) {
        public List<WalkForward.Fold> folds() {
            return plan.folds();
        }

        /**
         * The fingerprint of the test windows the headline metrics score: what decides whether two trials' test
         * errors may be paired (analysis.Comparability), whatever history they loaded.
         */
        public DataFingerprint.TestWindows testWindows() {
            WalkForward.Fold f = plan.headline();
            return DataFingerprint.ofTest(data.series(), f.testStart(), f.testEnd(), config.horizon(), config.target());
        }

        /** The windows of fold {@code number} (1-based): what selection trains and validates on. */
        public Dataset fold(int number) {
            if (!plan.refits()) return dataset;
            RunConfig c = config;
            return change.windows().apply(WalkForward.build(data.series(), features, plan.folds().get(number - 1),
                    c.timeSteps(), c.horizon(), c.target(), c.scaler(), change.fitting()));
        }
    }
    /** Told after every fold but the last, with the folds done so far; may stop the run (fold-aware pruning). */
    @FunctionalInterface
    public interface FoldListener {
        EpochListener.Verdict afterFold(List<FoldMetrics> done);

        FoldListener NONE = done -> EpochListener.Verdict.CONTINUE;
    }

    /**
     * @param result     the run of the model kept: the refit's (k > 1), else the single split's (or the last
     *                   trained fold's when pruned)
     * @param folds      every trained fold's scores, in order (one entry for a single split)
     * @param pruned     a listener stopped the run (an epoch listener inside a fold, or a fold listener)
     * @param stopReason why the run ended
     * @param network    the kept model's DL4J network; null for a non-neural family
     * @param forecaster the kept model, whatever its family
     */
    public record Outcome(Prepared prepared, MultiLayerNetwork network, TrainResult result,
                          Evaluator.Evaluation evaluation, List<FoldMetrics> folds, boolean pruned,
                          String stopReason, Forecaster forecaster) {
        public FinalMetrics metrics() {
            return evaluation.metrics();
        }

        /** The search objective: the mean over folds of each fold's best validation score. */
        public double objective(Objective objective) {
            return objective.ofFolds(folds);
        }
    }

    public static Prepared prepare(RunConfig c) {
        return prepare(c, DataSource.load(c.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows(), c.dateRange()));
    }

    /**
     * Prepares already loaded data (its source, date range and {@code max_rows} are the caller's business); with a
     * lockbox, only the bars before it (less the purge) are kept.
     */
    public static Prepared prepare(RunConfig c, LoadedData data) {
        return prepare(c, data, PipelineChange.NONE);
    }

    /** As {@link #prepare(RunConfig, LoadedData)} with the given scaler fitting (tests of the leakage audit). */
    public static Prepared prepare(RunConfig c, LoadedData data, ScalerFitting fitting) {
        return prepare(c, data, new PipelineChange(fitting, PipelineChange.NONE.features(),
                PipelineChange.NONE.windows()));
    }

    /** As {@link #prepare(RunConfig, LoadedData)} with the leakage audit's change to the pipeline. */
    public static Prepared prepare(RunConfig c, LoadedData data, PipelineChange change) {
        LoadedData bars = c.lockbox() == null ? data : new LoadedData(Lockbox.trialBars(data.series(),
                Lockbox.start(data.series(), c.lockbox()), purge(c)), data.report());
        FeatureMatrix fm = change.features().apply(FeatureBuilder.build(bars.series(), c.features()));
        WalkForward.Plan plan = plan(c, bars.series(), fm.firstRow());
        Dataset headline = change.windows().apply(WalkForward.build(bars.series(), fm, plan.headline(),
                c.timeSteps(), c.horizon(), c.target(), c.scaler(), change.fitting()));
        Prepared p = new Prepared(bars, DataFingerprint.of(bars.series()), headline, fm, plan, c, change);
        // cut every fold once now, so a fold with too few windows is refused before any training
        if (plan.refits()) for (int j = 1; j <= plan.folds().size(); j++) p.fold(j);
        return p;
    }

    /** The fold plan of a config over the bars a trial reads, whose features start at {@code firstRow}. */
    public static WalkForward.Plan plan(RunConfig c, Series bars, int firstRow) {
        return TrainingHistory.cut(WalkForward.plan(bars.size(), firstRow, c.split(), c.evaluation().folds(),
                c.evaluation().scheme(), c.horizon(), c.evaluation().embargo()), bars.timeMs(), c.historyDays());
    }

    /** Bars left out between regions: horizon - 1 (overlapping targets) plus the embargo. */
    public static int purge(RunConfig c) {
        return c.horizon() - 1 + c.evaluation().embargo();
    }

    /** Every fold, each told to {@code listener}; nothing stops between folds. */
    public static Outcome run(RunConfig c, Prepared p, EpochListener listener, Trainer.BatchProgress progress) {
        return run(c, p, fold -> listener, FoldListener.NONE, progress);
    }

    /**
     * @param listenerForFold the epoch listener of fold {@code number} (1-based)
     * @param afterFold       asked after every fold but the last whether to go on
     */
    public static Outcome run(RunConfig c, Prepared p, IntFunction<EpochListener> listenerForFold,
                              FoldListener afterFold, Trainer.BatchProgress progress) {
        checkPreparedFor(c, p);
        NativeRuntime.useThreads(c.threads());
        List<FoldScores.FoldRun> runs = new ArrayList<>();
        List<FoldMetrics> done = new ArrayList<>();
        MultiLayerNetwork net = null;
        Forecaster model = null;
        boolean pruned = false;
        String reason = null;
        for (WalkForward.Fold fold : p.folds()) {
            Dataset ds = p.fold(fold.number());
            TrainResult r;
            if (Baselines.handles(c.model())) {   // linear, forest: fitted on the same windows, no DL4J
                BaselineFit.Fitted fit = BaselineFit.fit(c, ds, listenerForFold.apply(fold.number()));
                model = Forecaster.of(fit.model());
                r = fit.result();
            } else {
                net = ModelFactory.build(c, ds.features());
                r = new Trainer(c).withBatchProgress(progress).train(net, ds, listenerForFold.apply(fold.number()));
                model = Forecaster.of(net);
            }
            FoldScores.FoldRun run = FoldScores.score(p.data().series(), fold, ds, model, r);
            runs.add(run);
            done.add(run.metrics());
            reason = p.folds().size() == 1 ? r.stopReason() : "fold " + fold.number() + ": " + r.stopReason();
            if (r.pruned()) {
                pruned = true;
                reason = r.stopReason();
                break;
            }
            if (fold.number() < fold.of()) {
                EpochListener.Verdict v = afterFold.afterFold(List.copyOf(done));
                if (v.stop()) {
                    pruned = true;
                    reason = v.reason();
                    break;
                }
            }
        }
        FoldScores.FoldRun last = runs.get(runs.size() - 1);
        if (pruned) {
            // never refit, never scored on the test split: its evaluation is its last fold's validation block
            return new Outcome(p, net, last.result(), last.evaluation(), List.copyOf(done), true, reason, model);
        }
        if (!p.plan().refits()) {
            // one fold: its model, chosen on validation only, scores the test split
            return new Outcome(p, net, last.result(), Evaluator.evaluate(model, p.dataset(), last.result()),
                    List.copyOf(done), false, reason, model);
        }
        Refit.Fitted refit = Refit.fit(c, p.dataset(), FoldScores.medianBestEpoch(runs), progress);
        Evaluator.Evaluation headline = FoldScores.headline(runs, refit.forecaster(), p.dataset(), refit.result());
        return new Outcome(p, refit.network(), refit.result(), headline, List.copyOf(done), false,
                refit.result().stopReason(), refit.forecaster());
    }

    private static void checkPreparedFor(RunConfig c, Prepared p) {
        RunConfig was = p.config();
        if (!was.evaluation().equals(c.evaluation()) || !was.split().equals(c.split())
                || !Objects.equals(was.lockbox(), c.lockbox()) || !Objects.equals(was.historyDays(), c.historyDays())
                || was.timeSteps() != c.timeSteps() || was.horizon() != c.horizon()
                || !was.target().equals(c.target()) || !was.scaler().equals(c.scaler())) {
            throw new IllegalArgumentException("data prepared for another evaluation, split or window setting: "
                    + "prepare it for this config");
        }
    }
}
