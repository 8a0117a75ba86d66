package dev.lstmtuner.train;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.Scaler;
import dev.lstmtuner.features.ScalerFitting;
import dev.lstmtuner.features.WalkForward;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.Objective;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nested walk-forward keeps the headline test out of selection: asserted on the windows and scaler rows the code
 * cuts for every fold (what the objective, pruners, samplers and confirmation are computed from), for k = 1..6,
 * both schemes and horizons 1..6.
 */
class NestedWalkForwardTest {
    private static final Trainer.BatchProgress NO_BAR = (e, b, n, t) -> { };
    private static final LoadedData BARS = DataSource.load(null, GapPolicy.SKIP_WINDOWS, 900);

    private static RunConfig config(int folds, String scheme, int horizon, int embargo, Map<String, Object> more) {
        Map<String, Object> o = new HashMap<>(Map.of("model", "linear", "features", List.of("log_return_1", "hl_range"),
                "time_steps", 6, "horizon", horizon, "split", List.of(0.6, 0.2, 0.2),
                "evaluation", Map.of("folds", folds, "scheme", scheme, "embargo", embargo)));
        o.putAll(more);
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "test");
    }

    /** Records the training rows every scaler is fitted on (as bar indices), then fits as the pipeline does. */
    private static final class Recording implements ScalerFitting {
        final int firstRow;
        final List<int[]> rows = new ArrayList<>();

        Recording(int firstRow) {
            this.firstRow = firstRow;
        }

        @Override
        public Scaler fit(String kind, double[][] r, int from, int to, int width) {
            rows.add(new int[]{from + firstRow, to + firstRow});
            return TRAINING_ROWS.fit(kind, r, from, to, width);
        }
    }

    @Test
    void noBarWhoseTargetTheHeadlineTestScoresIsUsedBySelectionForAnyFoldCountSchemeOrHorizon() {
        for (int k = 1; k <= 6; k++) {
            for (String scheme : WalkForward.SCHEMES) {
                for (int horizon = 1; horizon <= 6; horizon++) {
                    int h = horizon;
                    for (int embargo : new int[]{0, 3}) {
                        RunConfig c = config(k, scheme, h, embargo, Map.of());
                        TrialRunner.Prepared plain = TrialRunner.prepare(c, BARS);
                        Recording fitting = new Recording(plain.features().firstRow());
                        TrialRunner.Prepared p = TrialRunner.prepare(c, BARS, fitting);
                        String at = "k=" + k + " " + scheme + " h=" + h + " embargo=" + embargo;

                        Dataset.Split test = p.dataset().test();
                        assertThat(test.n()).as(at).isPositive();
                        int firstTestTarget = Arrays.stream(test.anchor()).map(a -> a + h).min().orElseThrow();
                        int firstTestAnchor = firstTestTarget - h;
                        boolean[] scored = new boolean[BARS.series().size()];
                        for (int a : test.anchor()) scored[a + h] = true;

                        List<int[]> headlineRows = new ArrayList<>(fitting.rows);
                        fitting.rows.clear();
                        for (int j = 1; j <= p.folds().size(); j++) {
                            Dataset fold = p.fold(j);
                            for (Dataset.Split s : new Dataset.Split[]{fold.train(), fold.val()}) {
                                for (int a : s.anchor()) {
                                    for (int bar = a - c.timeSteps() + 1; bar <= a + h; bar++) {
                                        assertThat(scored[bar]).as(at + ": fold " + j + " reads bar " + bar
                                                + ", a scored test target").isFalse();
                                    }
                                    // its return spans bars a..a+h: it may end where the first test return begins
                                    assertThat(a + h).as(at + ": fold " + j + " target overlaps a test target")
                                            .isLessThanOrEqualTo(firstTestAnchor);
                                }
                            }
                            // a fold with k > 1 has no test windows: nothing of the test region is even cut
                            if (k > 1) assertThat(fold.test().n()).as(at).isZero();
                        }
                        for (int[] r : fitting.rows) {
                            assertThat(r[1]).as(at + ": a fold's scaler rows").isLessThanOrEqualTo(p.plan().devEnd());
                        }
                        // the refit (k > 1) and the single split fit on the development region too
                        for (int[] r : headlineRows) assertThat(r[1]).as(at).isLessThanOrEqualTo(p.plan().devEnd());
                        // the purge: first validation and test targets start purge bars after the region before
                        int purge = h - 1 + embargo;
                        assertThat(firstTestTarget).as(at).isGreaterThanOrEqualTo(p.plan().devEnd() + purge);
                        if (k == 1) {
                            int lastTrain = Arrays.stream(p.dataset().train().anchor()).max().orElseThrow() + h;
                            int firstVal = Arrays.stream(p.dataset().val().anchor()).min().orElseThrow() + h;
                            assertThat(firstVal - lastTrain).as(at).isGreaterThanOrEqualTo(purge + 1);
                        }
                    }
                }
            }
        }
    }

    @Test
    void changingEveryBarFromTheTestRegionOnLeavesTheObjectiveAndEveryFoldBitIdenticalButMovesTheHeadline() {
        for (int k : new int[]{1, 3}) {
            for (int h : new int[]{1, 4}) {
                RunConfig c = config(k, WalkForward.EXPANDING, h, 0, Map.of());
                TrialRunner.Prepared p = TrialRunner.prepare(c, BARS);
                LoadedData changed = new LoadedData(perturbed(BARS.series(), p.plan().devEnd()), BARS.report());
                TrialRunner.Outcome a = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, NO_BAR);
                TrialRunner.Outcome b = TrialRunner.run(c, TrialRunner.prepare(c, changed),
                        m -> EpochListener.Verdict.CONTINUE, NO_BAR);
                assertThat(b.objective(Objective.VAL_LOSS)).isEqualTo(a.objective(Objective.VAL_LOSS));
                assertThat(b.objective(Objective.VAL_RMSE)).isEqualTo(a.objective(Objective.VAL_RMSE));
                assertThat(b.folds()).isEqualTo(a.folds());
                assertThat(b.metrics().model()).as("the headline reads the changed bars").isNotEqualTo(a.metrics().model());
            }
        }
    }

    @Test
    void aCompleteTrialIsRefitOnTheDevelopmentRegionForTheMedianBestEpochAndAPrunedOneIsNot() {
        RunConfig c = WalkForwardRunTest.folds(3, Map.of("max_epochs", 3, "split", List.of(0.6, 0.2, 0.2)));
        TrialRunner.Prepared p = TrialRunner.prepare(c);
        TrialRunner.Outcome o = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, NO_BAR);
        int[] best = o.folds().stream().mapToInt(FoldMetrics::bestEpoch).sorted().toArray();
        assertThat(o.result().epochs()).as("the refit's epochs").isEqualTo(best[1]);
        assertThat(o.metrics().bestEpoch()).isEqualTo(best[1]);
        assertThat(o.metrics().epochs()).isEqualTo(o.folds().stream().mapToInt(FoldMetrics::epochs).sum() + best[1]);
        // the refit trains on every development bar and scores the test split after the purge
        Dataset refit = p.dataset();
        assertThat(refit.val().n()).isZero();
        assertThat(Arrays.stream(refit.train().anchor()).max().orElseThrow() + c.horizon())
                .isEqualTo(p.plan().devEnd() - 1);
        assertThat(o.metrics().testWindows()).isEqualTo(refit.test().n());
        // each fold is scored on its own validation block, not on the test split
        for (FoldMetrics f : o.folds()) {
            assertThat(f.testToMs()).isLessThan(p.data().series().timeMs()[refit.test().anchor()[0] + c.horizon()]);
        }

        TrialRunner.Outcome pruned = TrialRunner.run(c, p, fold -> m -> EpochListener.Verdict.CONTINUE,
                done -> EpochListener.Verdict.stop("worse"), NO_BAR);
        assertThat(pruned.pruned()).isTrue();
        assertThat(pruned.folds()).hasSize(1);
        assertThat(pruned.result().stopReason()).doesNotContain("refit");
    }

    /** A copy whose bars from {@code from} on get other prices and volume. */
    static Series perturbed(Series s, int from) {
        double[] open = s.open().clone(), high = s.high().clone(), low = s.low().clone(), close = s.close().clone(),
                volume = s.volume().clone();
        Random rnd = new Random(11);
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
