package dev.lstmtuner.train;

import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.FeatureBuilder;
import dev.lstmtuner.features.Lockbox;
import dev.lstmtuner.features.WalkForward;

/**
 * Which bars each step of a config's evaluation reads, by target bar, with their times: the folds (selection), the
 * headline test (and the refit that scores it) and the lockbox. Computed exactly as {@link TrialRunner#prepare}
 * cuts them, for {@code search --dry-run} and {@code show}.
 *
 * @param lockboxStart the first lockbox bar, or -1 without a lockbox
 */
public record FoldPlan(RunConfig config, WalkForward.Plan plan, Series series, int trialBars, int lockboxStart) {

    public static FoldPlan of(RunConfig c) {
        return of(c, DataSource.load(c.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows(), c.dateRange()));
    }

    public static FoldPlan of(RunConfig c, LoadedData data) {
        Series all = data.series();
        int lockbox = c.lockbox() == null ? -1 : Lockbox.start(all, c.lockbox());
        Series trial = lockbox < 0 ? all : Lockbox.trialBars(all, lockbox, TrialRunner.purge(c));
        int firstRow = FeatureBuilder.build(trial, c.features()).firstRow();
        return new FoldPlan(c, TrialRunner.plan(c, trial, firstRow), all, trial.size(), lockbox);
    }

    /** The open time of bar {@code i}. */
    public long timeMs(int i) {
        return series.timeMs()[i];
    }
}
