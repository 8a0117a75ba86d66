package dev.lstmtuner.search;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.search.pruner.Pruner;
import dev.lstmtuner.search.pruner.WilcoxonPruner;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class WilcoxonPrunerTest {
    private static final ForecastMetrics ANY = new ForecastMetrics(1, 1, 1, 0, 0.5);

    /** The best trial's three folds: ten validation blocks each, with RMSEs between 90 and 110. */
    private static List<FoldMetrics> best() {
        Random r = new Random(1);
        List<FoldMetrics> folds = new ArrayList<>();
        for (int f = 1; f <= 3; f++) {
            List<Double> blocks = new ArrayList<>();
            for (int b = 0; b < FoldMetrics.VAL_BLOCKS; b++) blocks.add(90 + 20 * r.nextDouble());
            folds.add(fold(f, blocks));
        }
        return folds;
    }

    private static FoldMetrics fold(int number, List<Double> blocks) {
        return new FoldMetrics(number, 100, 50, 20, 1000L * number, 1000L * number + 999, 100, 1, 5, 3, ANY, ANY,
                0, 0.5, blocks);
    }

    /** The first {@code folds} folds of the best trial with every block value changed by {@code f}. */
    private static List<FoldMetrics> trial(List<FoldMetrics> best, int folds, DoubleUnaryOperator f) {
        List<FoldMetrics> out = new ArrayList<>();
        for (FoldMetrics b : best.subList(0, folds)) {
            out.add(fold(b.fold(), b.valBlockRmse().stream().map(f::applyAsDouble).toList()));
        }
        return out;
    }

    @Test
    void neverJudgesBeforeTwoFolds() {
        List<FoldMetrics> best = best();
        Pruner.Decision d = WilcoxonPruner.judge(trial(best, 1, v -> v * 2), best, 4, Direction.MINIMIZE);
        assertThat(d.prune()).isFalse();
    }

    @Test
    void prunesATrialClearlyWorseOnTheLatestFoldAgainstTheFixedReference() {
        List<FoldMetrics> best = best();
        Pruner.Decision d = WilcoxonPruner.judge(trial(best, 2, v -> v * 1.05), best, 4, Direction.MINIMIZE);
        assertThat(d.prune()).isTrue();
        // one fold's 10 disjoint blocks, at 0.05 split over the 2 looks (after folds 2 and 3)
        assertThat(d.reason()).contains("after fold 2 of 3", "trial #4", "fixed reference", "10 validation blocks of fold 2",
                "Wilcoxon", "over 2 looks");
    }

    @Test
    void keepsATie() {
        List<FoldMetrics> best = best();
        assertThat(WilcoxonPruner.judge(trial(best, 2, v -> v), best, 4, Direction.MINIMIZE).prune()).isFalse();
        // seed-like noise around the same level: positive and negative differences alike
        Random r = new Random(11);
        assertThat(WilcoxonPruner.judge(trial(best, 3, v -> v + 3 * r.nextGaussian()), best, 4, Direction.MINIMIZE)
                .prune()).isFalse();
    }

    @Test
    void keepsABetterTrialAndHonoursTheDirection() {
        List<FoldMetrics> best = best();
        assertThat(WilcoxonPruner.judge(trial(best, 2, v -> v * 0.95), best, 4, Direction.MINIMIZE).prune()).isFalse();
        assertThat(WilcoxonPruner.judge(trial(best, 2, v -> v * 0.95), best, 4, Direction.MAXIMIZE).prune()).isTrue();
    }

    @Test
    void aFewWorseBlocksAmongBetterOnesAreNotEnough() {
        List<FoldMetrics> best = best();
        int[] k = {0};
        // much worse on 3 of 20 blocks, slightly better on the rest: the mean is worse, the ranks are not
        List<FoldMetrics> mixed = trial(best, 2, v -> k[0]++ % 7 == 0 ? v + 30 : v - 1);
        assertThat(WilcoxonPruner.judge(mixed, best, 4, Direction.MINIMIZE).prune()).isFalse();
    }

    @Test
    void judgesOnlyTheLatestFoldsBlocksWhichOverlapNoOtherFoldsBlocks() {
        List<FoldMetrics> best = best();
        int[] k = {0};
        // far worse on fold 1, equal on fold 2: fold 1's blocks are not paired again after fold 2
        List<FoldMetrics> t = trial(best, 2, v -> k[0]++ < FoldMetrics.VAL_BLOCKS ? v * 2 : v);
        assertThat(WilcoxonPruner.judge(t, best, 4, Direction.MINIMIZE).prune()).isFalse();
    }

    @Test
    void neverPairsFoldsOfAnotherFoldPlan() {
        List<FoldMetrics> best = best();
        List<FoldMetrics> other = new ArrayList<>();
        for (FoldMetrics f : trial(best, 2, v -> v * 2)) {
            other.add(new FoldMetrics(f.fold(), 100, 50, 20, f.testFromMs() + 60_000, f.testToMs(), 100, 1, 5, 3,
                    ANY, ANY, 0, 0.5, f.valBlockRmse()));
        }
        assertThat(WilcoxonPruner.judge(other, best, 4, Direction.MINIMIZE).prune()).isFalse();
    }
}
