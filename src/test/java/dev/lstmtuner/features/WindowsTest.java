package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.Series;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WindowsTest {
    private static final List<Double> SPLIT = List.of(0.6, 0.2, 0.2);
    private static final List<String> FEATURES = RunConfig.DEFAULT_FEATURES;

    private static Dataset build(Series s, int timeSteps, int horizon, String target, String scaler) {
        return Windows.build(s, FeatureBuilder.build(s, FEATURES), timeSteps, horizon, target, SPLIT, scaler);
    }

    /** First bar of the val region, as Windows cuts it. */
    private static int valStart(Series s, FeatureMatrix fm) {
        return fm.firstRow() + (int) Math.floor(fm.rows() * SPLIT.get(0));
    }

    @Test
    void xIsLaidOutWindowFeatureStepAndScaledFromTheFeatureMatrix() {
        Series s = TestSeries.randomWalk(600, 3);
        FeatureMatrix fm = FeatureBuilder.build(s, FEATURES);
        int steps = 12;
        Dataset d = Windows.build(s, fm, steps, 2, "log_return", SPLIT, "standard");
        Dataset.Split val = d.val();
        int k = 5, width = fm.width();
        int anchor = val.anchor()[k];
        assertThat(val.x()).hasSize(val.n() * width * steps);
        for (int f = 0; f < width; f++) {
            for (int step = 0; step < steps; step++) {
                double raw = fm.values()[anchor - steps + 1 + step - fm.firstRow()][f];
                float expected = (float) ((raw - d.featureScaler().shift()[f]) / d.featureScaler().scale()[f]);
                assertThat(val.x()[(k * width + f) * steps + step]).as("feature %d step %d", f, step)
                        .isEqualTo(expected);
            }
        }
        assertThat(val.anchorTimeMs()[k]).isEqualTo(s.timeMs()[anchor]);
        assertThat(val.anchorClose()[k]).isEqualTo(s.close()[anchor]);
        assertThat(val.actualClose()[k]).isEqualTo(s.close()[anchor + 2]);
        assertThat(d.targetScaler().invert(0, val.y()[k]))
                .isCloseTo(Math.log(s.close()[anchor + 2] / s.close()[anchor]), within(1e-6));
        assertThat(d.warmupRowsDropped()).isEqualTo(fm.firstRow());
    }

    @Test
    void closeTargetIsTheCloseHorizonBarsAhead() {
        Series s = TestSeries.randomWalk(400, 5);
        Dataset d = build(s, 8, 3, "close", "minmax");
        Dataset.Split tr = d.train();
        for (int k = 0; k < tr.n(); k++) {
            assertThat(d.targetScaler().invert(0, tr.y()[k])).isCloseTo(s.close()[tr.anchor()[k] + 3], within(1e-3));
            assertThat(tr.y()[k]).isBetween(0f, 1f); // minmax fitted on these very targets
        }
    }

    @Test
    void splitsAreChronologicalAndEachWindowSitsInItsTargetsRegion() {
        Series s = TestSeries.randomWalk(600, 9);
        FeatureMatrix fm = FeatureBuilder.build(s, FEATURES);
        int h = 4;
        Dataset d = Windows.build(s, fm, 10, h, "log_return", SPLIT, "standard");
        int valStart = valStart(s, fm);
        int testStart = fm.firstRow() + (int) Math.floor(fm.rows() * (SPLIT.get(0) + SPLIT.get(1)));
        int[] tr = d.train().anchor(), va = d.val().anchor(), te = d.test().anchor();
        assertThat(tr).isSorted();
        assertThat(va).isSorted();
        assertThat(te).isSorted();
        assertThat(tr[tr.length - 1]).isLessThan(va[0]);
        assertThat(va[va.length - 1]).isLessThan(te[0]);
        assertThat(Arrays.stream(tr).allMatch(t -> t + h < valStart)).isTrue();
        // the first h - 1 target bars of val and test are purged: their returns would overlap the region before
        assertThat(Arrays.stream(va).allMatch(t -> t + h >= valStart + h - 1 && t + h < testStart)).isTrue();
        assertThat(va[0] + h).isEqualTo(valStart + h - 1);
        assertThat(Arrays.stream(te).allMatch(t -> t + h >= testStart + h - 1)).isTrue();
        assertThat(te[0] + h).isEqualTo(testStart + h - 1);
        // Every possible window but the purged ones is used exactly once (no gaps here).
        assertThat(tr.length + va.length + te.length).isEqualTo(fm.rows() - 10 + 1 - h - 2 * (h - 1));
        assertThat(tr[0]).isEqualTo(fm.firstRow() + 9);
    }

    @Test
    void windowsBeforeAChangeAreIdenticalWhenOnlyLaterBarsChange() {
        Series base = TestSeries.randomWalk(600, 13);
        int h = 3;
        Dataset a = build(base, 16, h, "log_return", "standard");
        int t = valStart(base, FeatureBuilder.build(base, FEATURES)) + 20;
        Dataset b = build(TestSeries.perturbed(base, t + 1, base.size(), 99), 16, h, "log_return", "standard");
        int width = a.features(), steps = a.timeSteps();
        int compared = 0;
        for (Dataset.Split[] pair : new Dataset.Split[][]{{a.train(), b.train()}, {a.val(), b.val()},
                {a.test(), b.test()}}) {
            for (int k = 0; k < pair[0].n(); k++) {
                if (pair[0].anchor()[k] > t - h) continue;
                assertThat(pair[1].anchor()[k]).isEqualTo(pair[0].anchor()[k]);
                int from = k * width * steps, to = from + width * steps;
                assertThat(Arrays.copyOfRange(pair[1].x(), from, to))
                        .as("window anchored at %d", pair[0].anchor()[k])
                        .isEqualTo(Arrays.copyOfRange(pair[0].x(), from, to));
                assertThat(pair[1].y()[k]).isEqualTo(pair[0].y()[k]);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(a.train().n());
        // The first window whose target moved must differ, or this test would prove nothing.
        int k = Arrays.binarySearch(a.val().anchor(), t - h + 1);
        assertThat(b.val().y()[k]).isNotEqualTo(a.val().y()[k]);
    }

    @Test
    void changingValAndTestBarsLeavesEveryScalerStatisticUnchanged() {
        Series base = TestSeries.randomWalk(600, 17);
        int valStart = valStart(base, FeatureBuilder.build(base, FEATURES));
        for (String kind : List.of("standard", "minmax")) {
            Dataset a = build(base, 10, 1, "log_return", kind);
            Dataset b = build(TestSeries.perturbed(base, valStart, base.size(), 5), 10, 1, "log_return", kind);
            assertThat(b.featureScaler().shift()).isEqualTo(a.featureScaler().shift());
            assertThat(b.featureScaler().scale()).isEqualTo(a.featureScaler().scale());
            assertThat(b.targetScaler().shift()).isEqualTo(a.targetScaler().shift());
            assertThat(b.targetScaler().scale()).isEqualTo(a.targetScaler().scale());
        }
    }

    @Test
    void changingTrainBarsChangesTheScalers() {
        Series base = TestSeries.randomWalk(600, 17);
        Dataset a = build(base, 10, 1, "log_return", "standard");
        Dataset b = build(TestSeries.perturbed(base, 150, 250, 5), 10, 1, "log_return", "standard");
        assertThat(b.featureScaler().scale()).isNotEqualTo(a.featureScaler().scale());
        assertThat(b.featureScaler().shift()).isNotEqualTo(a.featureScaler().shift());
        assertThat(b.targetScaler().scale()).isNotEqualTo(a.targetScaler().scale());
    }

    @Test
    void noWindowCrossesAGapAndSkippedWindowsAreCounted() {
        Series s = TestSeries.randomWalk(200, 21, 99);
        FeatureMatrix fm = FeatureBuilder.build(s, List.of("log_return_1", "hl_range"));
        int steps = 10, h = 2;
        Dataset d = Windows.build(s, fm, steps, h, "log_return", SPLIT, "standard");
        // Anchors t with t - 9 <= 99 < t + 2 span the gap between bars 99 and 100: t = 98 .. 108.
        assertThat(d.windowsSkippedAtGaps()).isEqualTo(11);
        int total = 0;
        for (Dataset.Split sp : List.of(d.train(), d.val(), d.test())) {
            for (int t : sp.anchor()) {
                assertThat(t - steps + 1 > 99 || t + h <= 99).as("window anchored at %d", t).isTrue();
            }
            total += sp.n();
        }
        // less the purge of h - 1 target bars at the start of val and of test
        assertThat(total).isEqualTo((200 - 1 - steps + 1 - h) - 11 - 2 * (h - 1));
    }

    @Test
    void tooFewRowsIsRefusedWithTheCountsAndWhatToTry() {
        Series s = TestSeries.randomWalk(200, 2);
        assertThatThrownBy(() -> build(s, 60, 1, "log_return", "standard"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("95 rows left after dropping 105 warm-up rows")
                .hasMessageContaining("time_steps 60")
                .hasMessageContaining("horizon 1")
                .hasMessageContaining("lower time_steps")
                .hasMessageContaining("more data");
    }

    @Test
    void badTargetOrScalerIsRefused() {
        Series s = TestSeries.randomWalk(300, 2);
        assertThatThrownBy(() -> build(s, 5, 1, "price", "standard"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"price\"");
        assertThatThrownBy(() -> build(s, 5, 1, "close", "robust"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("\"robust\"");
    }

    @Test
    void constantTrainColumnIsShiftedButNotDividedByZero() {
        Series s = TestSeries.randomWalk(300, 4);
        FeatureMatrix fm = FeatureBuilder.build(s, List.of("dow_sin", "log_return_1"));
        Dataset d = Windows.build(s, fm, 5, 1, "log_return", SPLIT, "standard");
        assertThat(d.featureScaler().scale()[0]).isEqualTo(1.0);
        for (float x : d.train().x()) assertThat(Float.isFinite(x)).isTrue();
    }

    @Test
    void inputsWithTheSavedScalerEqualTheTrainingWindowsFloatForFloat() {
        Series s = TestSeries.randomWalk(400, 31);
        FeatureMatrix fm = FeatureBuilder.build(s, FEATURES);
        int steps = 12, h = 2;
        Dataset d = Windows.build(s, fm, steps, h, "log_return", SPLIT, "standard");
        Inputs in = Windows.inputs(s, fm, steps, h, d.featureScaler());
        int per = fm.width() * steps;
        for (Dataset.Split sp : List.of(d.train(), d.val(), d.test())) {
            for (int k = 0; k < sp.n(); k++) {
                int j = Arrays.binarySearch(in.anchor(), sp.anchor()[k]);
                assertThat(j).isNotNegative();
                assertThat(Arrays.copyOfRange(in.x(), j * per, (j + 1) * per))
                        .isEqualTo(Arrays.copyOfRange(sp.x(), k * per, (k + 1) * per));
                assertThat(in.actualClose()[j]).isEqualTo(sp.actualClose()[k]);
                assertThat(in.anchorTimeMs()[j]).isEqualTo(sp.anchorTimeMs()[k]);
            }
        }
        // every bar from the first full window to the end anchors one input, the last h with unknown outcome
        assertThat(in.n()).isEqualTo(fm.rows() - steps + 1);
        assertThat(in.anchor()[in.n() - 1]).isEqualTo(s.size() - 1);
        for (int k = 0; k < in.n(); k++) assertThat(in.hasActual(k)).isEqualTo(k < in.n() - h);
    }

    @Test
    void inputsSkipWindowsAcrossAGapAndLeaveTargetsAcrossItUnknown() {
        Series s = TestSeries.randomWalk(200, 21, 99);
        FeatureMatrix fm = FeatureBuilder.build(s, List.of("log_return_1", "hl_range"));
        int steps = 10, h = 2;
        Scaler scaler = Windows.build(s, fm, steps, h, "log_return", SPLIT, "standard").featureScaler();
        Inputs in = Windows.inputs(s, fm, steps, h, scaler);
        // windows over bars 99 | 100 (anchors 100 .. 108) are skipped
        assertThat(Arrays.stream(in.anchor()).filter(t -> t >= 100 && t <= 108)).isEmpty();
        assertThat(in.n()).isEqualTo(200 - 1 - steps + 1 - 9);
        for (int k = 0; k < in.n(); k++) {
            int t = in.anchor()[k];
            boolean known = (t + h <= 99 || t >= 100) && t + h < 200;
            assertThat(in.hasActual(k)).as("anchor %d", t).isEqualTo(known);
            if (known) assertThat(in.actualClose()[k]).isEqualTo(s.close()[t + h]);
        }
    }

    @Test
    void inputsNeedOneGapFreeWindow() {
        Series s = TestSeries.randomWalk(120, 5);
        FeatureMatrix fm = FeatureBuilder.build(s, List.of("log_return_1"));
        Scaler scaler = new Scaler("standard", new double[]{0}, new double[]{1});
        assertThatThrownBy(() -> Windows.inputs(s, fm, 500, 1, scaler))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no complete window")
                .hasMessageContaining("time_steps 500");
    }
}
