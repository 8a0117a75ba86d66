package dev.lstmtuner.train;

import dev.lstmtuner.baseline.Baselines;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.features.FeatureBuilder;
import dev.lstmtuner.features.FeatureMatrix;
import dev.lstmtuner.features.PooledWindows;
import dev.lstmtuner.model.ModelFactory;
import dev.lstmtuner.result.EpochListener;

import java.util.ArrayList;
import java.util.List;

/**
 * One model for several symbols: trained on the pooled windows of every symbol ({@link PooledWindows}: each symbol
 * scaled on its own training bars, shared date boundaries), early-stopped on the pooled validation windows, then
 * scored per symbol on that symbol's own test windows in its own prices, beside persistence and the ridge baseline
 * ({@link Evaluator}), exactly as a per-symbol trial is scored. Single split only: walk-forward folds and a lockbox
 * would each need a pooled plan of their own, and are refused.
 */
public final class PooledRun {
    private PooledRun() {
    }

    /** A symbol and its data file. */
    public record Member(String symbol, String data) {
    }

    /** One symbol's test score by the pooled model. */
    public record Scored(String symbol, Evaluator.Evaluation evaluation) {
    }

    /** The run: training, the pooled (scaled-target) evaluation, and every symbol's own. */
    public record Outcome(TrainResult result, Forecaster forecaster, Evaluator.Evaluation pooled, List<Scored> symbols) {
    }

    /** Loads every member's bars (the config's date range, gap policy and max_rows) and cuts the pooled windows. */
    public static PooledWindows.Pooled prepare(RunConfig c, List<Member> members, boolean symbolFeature, String source) {
        if (c.evaluation().folds() != 1) {
            throw new BadInputException(source + ": \"pooled\" trains on a single split; set evaluation.folds to 1 (got "
                    + c.evaluation().folds() + ")");
        }
        if (c.lockbox() != null) {
            throw new BadInputException(source + ": \"pooled\" cannot hold a lockbox out yet; remove \"lockbox\"");
        }
        List<PooledWindows.Source> sources = new ArrayList<>();
        for (Member m : members) {
            LoadedData d = DataSource.load(m.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows(), c.dateRange());
            FeatureMatrix fm = FeatureBuilder.build(d.series(), c.features());
            sources.add(new PooledWindows.Source(m.symbol(), d.series(), fm));
        }
        PooledWindows.Source first = sources.get(0);
        var bounds = TrialRunner.plan(c, first.series(), first.features().firstRow()).headline().bounds();
        return PooledWindows.cut(sources, bounds, c.timeSteps(), c.horizon(), c.target(), c.scaler(), symbolFeature);
    }

    public static Outcome run(RunConfig c, PooledWindows.Pooled p, EpochListener listener,
                              Trainer.BatchProgress progress) {
        NativeRuntime.useThreads(c.threads());
        Forecaster model;
        TrainResult r;
        if (Baselines.handles(c.model())) {
            BaselineFit.Fitted fit = BaselineFit.fit(c, p.merged(), listener);
            model = Forecaster.of(fit.model());
            r = fit.result();
        } else {
            var net = ModelFactory.build(c, p.merged().features());
            r = new Trainer(c).withBatchProgress(progress).train(net, p.merged(), listener);
            model = Forecaster.of(net);
        }
        List<Scored> scored = new ArrayList<>();
        for (PooledWindows.Member m : p.members()) {
            scored.add(new Scored(m.symbol(), Evaluator.evaluate(model, m.dataset(), r)));
        }
        return new Outcome(r, model, Evaluator.evaluate(model, p.merged(), r), List.copyOf(scored));
    }
}
