package dev.lstmtuner.train;

import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.WalkForward;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.Objective;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Training on walk-forward folds, on tiny models over the last 1,500 bundled minutes. */
class WalkForwardRunTest {
    private static final EpochListener QUIET = m -> EpochListener.Verdict.CONTINUE;
    private static final Trainer.BatchProgress NO_BAR = (e, b, n, t) -> { };

    static RunConfig folds(int k, Map<String, Object> more) {
        Map<String, Object> o = new HashMap<>(Map.of("max_epochs", 3, "evaluation", Map.of("folds", k)));
        o.putAll(more);
        return TrainerTest.tiny(o);
    }

    private static LoadedData bundled(RunConfig c) {
        return DataSource.load(c.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows());
    }

    @Test
    void everyFoldIsScoredTheObjectiveIsTheirMeanAndTheHeadlineIsThePooledTestWindows() {
        RunConfig c = folds(3, Map.of());
        TrialRunner.Prepared p = TrialRunner.prepare(c);
        List<Integer> foldsTold = new ArrayList<>();
        TrialRunner.Outcome o = TrialRunner.run(c, p, fold -> m -> {
            if (m.epoch() == 1) foldsTold.add(fold);
            return EpochListener.Verdict.CONTINUE;
        }, TrialRunner.FoldListener.NONE, NO_BAR);

        assertThat(foldsTold).containsExactly(1, 2, 3);
        FinalMetrics m = o.metrics();
        assertThat(m.folds()).hasSize(3);
        assertThat(o.objective(Objective.VAL_RMSE)).isEqualTo(m.bestValRmse())
                .isCloseTo(m.folds().stream().mapToDouble(FoldMetrics::bestValRmse).average().orElseThrow(), within(1e-9));
        int windows = 0;
        double squared = 0;
        for (FoldMetrics f : m.folds()) {
            windows += f.testWindows();
            squared += f.model().rmse() * f.model().rmse() * f.testWindows();
            assertThat(f.valBlockRmse()).hasSize(FoldMetrics.VAL_BLOCKS).allMatch(Double::isFinite);
            assertThat(f.persistencePValue()).isBetween(0.0, 1.0);
        }
        // the pooled windows are exactly the folds' test windows
        assertThat(m.testWindows()).isEqualTo(windows);
        assertThat(m.model().rmse()).isCloseTo(Math.sqrt(squared / windows), within(1e-9));
        assertThat(m.persistencePValue()).isBetween(0.0, 1.0);
        assertThat(m.epochs()).isEqualTo(m.folds().stream().mapToInt(FoldMetrics::epochs).sum());
        // consecutive test blocks
        for (int j = 1; j < 3; j++) assertThat(m.folds().get(j).testFromMs()).isGreaterThan(m.folds().get(j - 1).testToMs());
        // the kept model is the last fold's
        assertThat(o.result().epochs()).isEqualTo(m.folds().get(2).epochs());
        assertThat(m.bestEpoch()).isEqualTo(m.folds().get(2).bestEpoch());
    }

    @Test
    void oneFoldGivesTheSingleSplitsMetricsWithoutFoldRecords() {
        RunConfig single = TrainerTest.tiny(Map.of("max_epochs", 2));
        RunConfig one = folds(1, Map.of("max_epochs", 2));
        TrialRunner.Outcome a = TrialRunner.run(single, TrialRunner.prepare(single), QUIET, NO_BAR);
        TrialRunner.Outcome b = TrialRunner.run(one, TrialRunner.prepare(one), QUIET, NO_BAR);
        assertThat(b.metrics().folds()).isEmpty();
        assertThat(b.metrics().model()).isEqualTo(a.metrics().model());
        assertThat(b.objective(Objective.VAL_RMSE)).isEqualTo(a.result().bestValRmse());
    }

    @Test
    void aFoldListenerStopsTheRunBetweenFolds() {
        RunConfig c = folds(3, Map.of("max_epochs", 1));
        List<Integer> seen = new ArrayList<>();
        TrialRunner.Outcome o = TrialRunner.run(c, TrialRunner.prepare(c), fold -> QUIET, done -> {
            seen.add(done.size());
            return done.size() == 2 ? EpochListener.Verdict.stop("worse after fold 2") : EpochListener.Verdict.CONTINUE;
        }, NO_BAR);
        assertThat(seen).containsExactly(1, 2);
        assertThat(o.pruned()).isTrue();
        assertThat(o.stopReason()).isEqualTo("worse after fold 2");
        assertThat(o.folds()).hasSize(2);
    }

    /**
     * No look-ahead across folds: bars after fold 1's test block change, and fold 1 (its windows, scalers, trained
     * weights and every score) stays bit-identical, while fold 2, whose test block holds changed bars, does not.
     */
    @Test
    void changingBarsAfterAFoldsTestBlockLeavesThatFoldsMetricsBitIdentical() {
        RunConfig c = folds(3, Map.of("max_epochs", 2));
        LoadedData data = bundled(c);
        TrialRunner.Prepared p = TrialRunner.prepare(c, data);
        WalkForward.Fold first = p.folds().get(0);
        LoadedData changed = new LoadedData(perturbed(data.series(), first.testEnd()), data.report());
        TrialRunner.Prepared q = TrialRunner.prepare(c, changed);

        TrialRunner.Outcome a = TrialRunner.run(c, p, QUIET, NO_BAR);
        TrialRunner.Outcome b = TrialRunner.run(c, q, QUIET, NO_BAR);
        FoldMetrics fa = a.metrics().folds().get(0), fb = b.metrics().folds().get(0);
        assertThat(fb).isEqualTo(fa);
        assertThat(q.fold(1).featureScaler().shift()).isEqualTo(p.fold(1).featureScaler().shift());
        assertThat(q.fold(1).test().x()).isEqualTo(p.fold(1).test().x());
        assertThat(b.metrics().folds().get(1).model()).isNotEqualTo(a.metrics().folds().get(1).model());
    }

    /** A copy whose bars from {@code from} on get other prices and volume. */
    private static Series perturbed(Series s, int from) {
        double[] open = s.open().clone(), high = s.high().clone(), low = s.low().clone(), close = s.close().clone(),
                volume = s.volume().clone();
        Random rnd = new Random(5);
        for (int i = from; i < s.size(); i++) {
            double f = Math.exp(0.01 * rnd.nextGaussian());
            open[i] *= f;
            close[i] *= f * Math.exp(0.002 * rnd.nextGaussian());
            high[i] = Math.max(open[i], close[i]) * 1.001;
            low[i] = Math.min(open[i], close[i]) * 0.999;
            volume[i] = volume[i] * 2 + 1;
        }
        return new Series(s.source(), s.intervalMs(), s.timeMs(), open, high, low, close, volume, s.gaps());
    }
}
