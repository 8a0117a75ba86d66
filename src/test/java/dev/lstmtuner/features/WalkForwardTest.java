package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.Series;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalkForwardTest {
    private static final List<Double> SPLIT = List.of(0.6, 0.2, 0.2);
    private static final List<String> FEATURES = List.of("log_return_1", "hl_range", "rsi_14", "volume_z_20");

    @Test
    void foldsValidateOnConsecutiveBlocksOfTheValidationSplitAndTheRefitAloneScoresTheTestSplit() {
        WalkForward.Plan plan = WalkForward.plan(1000, 100, SPLIT, 4, WalkForward.EXPANDING, 1, 0);
        List<WalkForward.Fold> folds = plan.folds();
        // 900 rows: train to 640, validation 640..820 cut into four blocks of 45, the test region 820..1000
        assertThat(folds).hasSize(4);
        assertThat(plan.devEnd()).isEqualTo(820);
        for (int j = 0; j < folds.size(); j++) {
            WalkForward.Fold f = folds.get(j);
            assertThat(f.number()).isEqualTo(j + 1);
            assertThat(f.trainStart()).isEqualTo(100);
            assertThat(f.trainEnd()).isEqualTo(f.valStart());
            assertThat(f.valStart()).isEqualTo(640 + 45 * j);
            assertThat(f.valEnd() - f.valStart()).isEqualTo(45);
            assertThat(f.testEnd()).as("no fold has a test block").isEqualTo(f.testStart());
            assertThat(f.valEnd()).isLessThanOrEqualTo(plan.devEnd());
        }
        WalkForward.Fold refit = plan.headline();
        assertThat(plan.refits()).isTrue();
        assertThat(List.of(refit.trainStart(), refit.trainEnd(), refit.valStart(), refit.valEnd(), refit.testStart(),
                refit.testEnd())).containsExactly(100, 820, 820, 820, 820, 1000);
    }

    @Test
    void thePurgeOfHorizonMinusOnePlusTheEmbargoSeparatesTrainingValidationAndTest() {
        WalkForward.Plan one = WalkForward.plan(1000, 100, SPLIT, 1, WalkForward.EXPANDING, 4, 2);
        WalkForward.Fold f = one.folds().get(0);
        assertThat(one.purge()).isEqualTo(5);
        assertThat(one.headline()).isEqualTo(f);
        assertThat(List.of(f.trainEnd(), f.valStart(), f.valEnd(), f.testStart())).containsExactly(640, 645, 820, 825);
        WalkForward.Plan three = WalkForward.plan(1000, 100, SPLIT, 3, WalkForward.SLIDING, 4, 2);
        for (WalkForward.Fold g : three.folds()) {
            assertThat(g.valStart() - g.trainEnd()).isEqualTo(5);
            assertThat(g.trainEnd() - g.trainStart()).isEqualTo(640 - 5 - 100);
        }
        assertThat(three.headline().testStart()).isEqualTo(825);
    }

    @Test
    void expandingTrainsFromTheFirstRowAndSlidingKeepsTheFirstFoldsTrainingLength() {
        List<WalkForward.Fold> expanding = WalkForward.plan(1000, 100, SPLIT, 3, WalkForward.EXPANDING, 1, 0).folds();
        List<WalkForward.Fold> sliding = WalkForward.plan(1000, 100, SPLIT, 3, WalkForward.SLIDING, 1, 0).folds();
        assertThat(sliding.get(0)).isEqualTo(expanding.get(0));
        for (int j = 0; j < 3; j++) {
            assertThat(expanding.get(j).trainStart()).isEqualTo(100);
            assertThat(sliding.get(j).trainEnd() - sliding.get(j).trainStart()).isEqualTo(540);
            assertThat(sliding.get(j).valEnd()).isEqualTo(expanding.get(j).valEnd());
        }
        assertThat(expanding.get(2).trainEnd() - expanding.get(2).trainStart()).isEqualTo(540 + 120);
        assertThat(sliding.get(2).trainStart()).isEqualTo(100 + 120);
    }

    @Test
    void oneFoldIsTheSingleSplitWindowForWindow() {
        Series s = TestSeries.randomWalk(600, 3);
        FeatureMatrix fm = FeatureBuilder.build(s, FEATURES);
        Dataset single = Windows.build(s, fm, 12, 2, "log_return", SPLIT, "standard");
        WalkForward.Fold only = WalkForward.plan(s.size(), fm.firstRow(), SPLIT, 1, WalkForward.EXPANDING, 2, 0)
                .folds().get(0);
        Dataset fold = WalkForward.build(s, fm, only, 12, 2, "log_return", "standard");
        for (Dataset.Split[] pair : new Dataset.Split[][]{{single.train(), fold.train()}, {single.val(), fold.val()},
                {single.test(), fold.test()}}) {
            assertThat(pair[1].anchor()).isEqualTo(pair[0].anchor());
            assertThat(pair[1].x()).isEqualTo(pair[0].x());
            assertThat(pair[1].y()).isEqualTo(pair[0].y());
        }
        assertThat(fold.featureScaler().shift()).isEqualTo(single.featureScaler().shift());
        assertThat(fold.targetScaler().scale()).isEqualTo(single.targetScaler().scale());
    }

    @Test
    void slidingFoldsTrainOnlyOnTargetsInsideTheirWindowAndFitScalersThere() {
        // features of one bar each (RSI's smoothing and running sums remember earlier bars, in the last bits)
        List<String> local = List.of("log_return_1", "hl_range");
        Series s = TestSeries.randomWalk(800, 8);
        FeatureMatrix fm = FeatureBuilder.build(s, local);
        List<WalkForward.Fold> folds = WalkForward.plan(s.size(), fm.firstRow(), SPLIT, 3, WalkForward.SLIDING, 1, 0)
                .folds();
        WalkForward.Fold last = folds.get(2);
        Dataset d = WalkForward.build(s, fm, last, 10, 1, "log_return", "standard");
        assertThat(Arrays.stream(d.train().anchor()).allMatch(t -> t + 1 >= last.trainStart() && t + 1 < last.trainEnd())).isTrue();
        // bars before the sliding window do not move its scalers
        Series earlier = TestSeries.perturbed(s, 0, last.trainStart() - 40, 3);
        Dataset e = WalkForward.build(earlier, FeatureBuilder.build(earlier, local), last, 10, 1, "log_return", "standard");
        assertThat(e.featureScaler().shift()).isEqualTo(d.featureScaler().shift());
        assertThat(e.targetScaler().scale()).isEqualTo(d.targetScaler().scale());
    }

    @Test
    void aFoldsWindowsAndScalersAreBitIdenticalWhenBarsAfterItsValidationBlockChange() {
        Series base = TestSeries.randomWalk(1200, 13);
        FeatureMatrix fm = FeatureBuilder.build(base, FEATURES);
        List<WalkForward.Fold> folds = WalkForward.plan(base.size(), fm.firstRow(), SPLIT, 3, WalkForward.EXPANDING,
                3, 0).folds();
        for (String kind : List.of("standard", "minmax")) {
            for (int j = 0; j < 2; j++) {
                WalkForward.Fold f = folds.get(j);
                Series changed = TestSeries.perturbed(base, f.valEnd(), base.size(), 99 + j);
                FeatureMatrix cfm = FeatureBuilder.build(changed, FEATURES);
                Dataset a = WalkForward.build(base, fm, f, 16, 3, "log_return", kind);
                Dataset b = WalkForward.build(changed, cfm, f, 16, 3, "log_return", kind);
                assertThat(b.featureScaler().shift()).isEqualTo(a.featureScaler().shift());
                assertThat(b.featureScaler().scale()).isEqualTo(a.featureScaler().scale());
                assertThat(b.targetScaler().shift()).isEqualTo(a.targetScaler().shift());
                assertThat(b.targetScaler().scale()).isEqualTo(a.targetScaler().scale());
                for (Dataset.Split[] pair : new Dataset.Split[][]{{a.train(), b.train()}, {a.val(), b.val()},
                        {a.test(), b.test()}}) {
                    assertThat(pair[1].anchor()).isEqualTo(pair[0].anchor());
                    assertThat(pair[1].x()).isEqualTo(pair[0].x());
                    assertThat(pair[1].y()).isEqualTo(pair[0].y());
                    assertThat(pair[1].actualClose()).isEqualTo(pair[0].actualClose());
                }
                // the next fold's validation block is the changed bars, so it must see the change (or this proves nothing)
                Dataset next = WalkForward.build(base, fm, folds.get(j + 1), 16, 3, "log_return", kind);
                Dataset nextChanged = WalkForward.build(changed, cfm, folds.get(j + 1), 16, 3, "log_return", kind);
                assertThat(nextChanged.val().y()).isNotEqualTo(next.val().y());
            }
        }
    }

    @Test
    void moreFoldsThanValidationBarsOrAFoldWithoutWindowsIsRefusedNamingTheFold() {
        assertThatThrownBy(() -> WalkForward.plan(120, 10, SPLIT, 30, WalkForward.EXPANDING, 1, 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("evaluation.folds 30")
                .hasMessageContaining("use fewer folds");
        Series s = TestSeries.randomWalk(300, 2);
        FeatureMatrix fm = FeatureBuilder.build(s, FEATURES);
        // windows of 220 bars leave the first fold fewer than 10 training windows
        List<WalkForward.Fold> folds = WalkForward.plan(s.size(), fm.firstRow(), List.of(0.8, 0.1, 0.1), 10,
                WalkForward.EXPANDING, 1, 0).folds();
        assertThatThrownBy(() -> WalkForward.build(s, fm, folds.get(0), 220, 1, "log_return", "standard"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("walk-forward fold 1 of 10")
                .hasMessageContaining("use fewer folds");
        assertThatThrownBy(() -> WalkForward.plan(300, 10, SPLIT, 3, "rolling", 1, 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"rolling\"");
    }
}
