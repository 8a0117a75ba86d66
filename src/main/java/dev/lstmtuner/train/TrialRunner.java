package dev.lstmtuner.train;

import dev.lstmtuner.baseline.Baselines;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.FeatureBuilder;
import dev.lstmtuner.features.FeatureMatrix;
import dev.lstmtuner.features.WalkForward;
import dev.lstmtuner.features.Windows;
import dev.lstmtuner.model.ModelFactory;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.Objective;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One configuration end to end: load and validate the data, build causal features and windows, train, evaluate.
 * The train command, search workers and reproduce all run trials through here, so they cannot drift apart.
 * <p>
 * With {@code evaluation.folds} k > 1 the configuration is trained from scratch (same seed) on each of k
 * walk-forward folds ({@link WalkForward}), each with its own train-only scalers, early stopping on its own
 * validation block and a test block after it. The objective is the mean over folds of the best validation score;
 * the headline test metrics are over the pooled test windows of all folds ({@link FoldScores}); the network kept is
 * the last fold's, trained on the most recent bars.
 */
public final class TrialRunner {
    private TrialRunner() {
    }

    /**
     * Data made ready for a config: validated series, its fingerprint, its features, the fold plan and the last
     * fold's windows ({@code dataset}: the single split when there is one fold). The other folds' windows are cut
     * on demand by {@link #fold}, so only one extra fold is in memory at a time.
     */
    public record Prepared(LoadedData data, DataFingerprint.Fingerprint fingerprint, Dataset dataset,
                           FeatureMatrix features, List<WalkForward.Fold> folds, RunConfig config) {
        /** The windows of fold {@code number} (1-based). */
        public Dataset fold(int number) {
            if (number == folds.size()) return dataset;
            RunConfig c = config;
            return WalkForward.build(data.series(), features, folds.get(number - 1), c.timeSteps(), c.horizon(),
                    c.target(), c.scaler());
        }
    }

    /** Told after every fold but the last, with the folds done so far; may stop the run (fold-aware pruning). */
    @FunctionalInterface
    public interface FoldListener {
        EpochListener.Verdict afterFold(List<FoldMetrics> done);

        FoldListener NONE = done -> EpochListener.Verdict.CONTINUE;
    }

    /**
     * @param result     the last trained fold's run
     * @param folds      every trained fold's scores, in order (one entry for a single split)
     * @param pruned     a listener stopped the run (an epoch listener inside a fold, or a fold listener)
     * @param stopReason why the run ended
     * @param network    the last fold's DL4J network; null for a non-neural family
     * @param forecaster the last fold's model, whatever its family
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

    /** Prepares already loaded data (its source, date range and {@code max_rows} are the caller's business). */
    public static Prepared prepare(RunConfig c, LoadedData data) {
        FeatureMatrix fm = FeatureBuilder.build(data.series(), c.features());
        int k = c.evaluation().folds();
        List<WalkForward.Fold> folds = WalkForward.plan(data.series().size(), fm.firstRow(), c.split(), k,
                c.evaluation().scheme());
        Dataset last = k == 1
                ? Windows.build(data.series(), fm, c.timeSteps(), c.horizon(), c.target(), c.split(), c.scaler())
                : WalkForward.build(data.series(), fm, folds.get(k - 1), c.timeSteps(), c.horizon(), c.target(),
                c.scaler());
        Prepared p = new Prepared(data, DataFingerprint.of(data.series()), last, fm, folds, c);
        // cut every fold once now, so a fold with too few windows is refused before any training
        for (int j = 1; j < k; j++) p.fold(j);
        return p;
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
        return new Outcome(p, net, last.result(), FoldScores.pooled(runs, model.numParams()), List.copyOf(done), pruned,
                reason, model);
    }

    private static void checkPreparedFor(RunConfig c, Prepared p) {
        RunConfig was = p.config();
        if (!was.evaluation().equals(c.evaluation()) || !was.split().equals(c.split())
                || was.timeSteps() != c.timeSteps() || was.horizon() != c.horizon()
                || !was.target().equals(c.target()) || !was.scaler().equals(c.scaler())) {
            throw new IllegalArgumentException("data prepared for another evaluation, split or window setting: "
                    + "prepare it for this config");
        }
    }
}
