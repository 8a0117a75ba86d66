package dev.lstmtuner.search.pruner;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FoldMetrics;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fold-aware pruning, after Optuna's WilcoxonPruner: after a walk-forward fold, a trial is stopped when a one-sided
 * Wilcoxon signed-rank test says it is worse than a fixed reference trial on that fold's validation blocks
 * ({@link FoldMetrics#valBlockRmse}, 10 per fold: consecutive, disjoint stretches of the same target bars for both
 * trials). Three rules keep the p-value a p-value:
 * <ul>
 * <li>only disjoint bars are paired: each look uses the blocks of one fold, never blocks of several folds, whose
 *     validation regions overlap;</li>
 * <li>the reference is fixed, the campaign's first COMPLETE sampled trial (picked before any score was seen), not
 *     the best trial, which was chosen on these same blocks and so is lucky on them: against it an equally good
 *     trial looks worse;</li>
 * <li>the trial is looked at after each fold from {@link #MIN_FOLDS} on, so the threshold is Bonferroni-split
 *     over those looks: {@link #P_THRESHOLD} / looks.</li>
 * </ul>
 * Zero differences are dropped (Wilcoxon's rule). Never prunes a trial whose mean over the fold's blocks is as good
 * as the reference's, and never compares folds that do not cover the same test block.
 */
public final class WilcoxonPruner {
    /** The first fold after which a trial is judged: one validation period alone is not a pattern. */
    public static final int MIN_FOLDS = 2;
    /** One-sided level for all looks together; each look tests at this over the number of looks. */
    public static final double P_THRESHOLD = 0.05;
    /** Up to this many pairs the p-value is exact (2^n sign patterns); above it, the normal approximation. */
    private static final int EXACT_UP_TO = 20;

    private WilcoxonPruner() {
    }

    /**
     * @param trial           the running trial's folds so far (the last one just finished)
     * @param reference       the reference trial's folds (all of them: their count is the fold plan's)
     * @param referenceNumber the reference trial's number, for the reason
     */
    public static Pruner.Decision judge(List<FoldMetrics> trial, List<FoldMetrics> reference, int referenceNumber,
                                        Direction direction) {
        int fold = trial.size();
        if (fold < MIN_FOLDS || fold > reference.size()) return Pruner.Decision.CONTINUE;
        for (int f = 0; f < fold; f++) {
            FoldMetrics a = trial.get(f), b = reference.get(f);
            if (a.fold() != b.fold() || a.testFromMs() != b.testFromMs() || a.testToMs() != b.testToMs()) {
                return Pruner.Decision.CONTINUE; // other data or fold plan: nothing to pair
            }
        }
        List<Double> x = trial.get(fold - 1).valBlockRmse(), y = reference.get(fold - 1).valBlockRmse();
        List<Double> differences = new ArrayList<>();
        double sum = 0;
        int pairs = 0;
        for (int k = 0; k < Math.min(x.size(), y.size()); k++) {
            // positive = the trial is worse in the campaign's direction
            double d = direction == Direction.MINIMIZE ? x.get(k) - y.get(k) : y.get(k) - x.get(k);
            if (Double.isNaN(d)) continue;
            pairs++;
            sum += d;
            if (d != 0) differences.add(d);
        }
        if (differences.isEmpty() || sum <= 0) return Pruner.Decision.CONTINUE;
        int looks = looks(reference.size());
        double p = oneSidedP(differences);
        if (!(p < P_THRESHOLD / looks)) return Pruner.Decision.CONTINUE;
        return Pruner.Decision.prune(String.format(Locale.ROOT, "fold-aware pruning after fold %d of %d: worse than"
                        + " trial #%d (the campaign's first complete trial, a fixed reference) on the %d validation"
                        + " blocks of fold %d (Wilcoxon signed-rank, one-sided p = %.3g < %.3g = %.2g over %d looks;"
                        + " block val RMSE %s by %.4g on average)", fold, reference.size(), referenceNumber, pairs,
                fold, p, P_THRESHOLD / looks, P_THRESHOLD, looks, direction == Direction.MINIMIZE ? "higher" : "lower",
                sum / pairs));
    }

    /** Looks a trial gets in a plan of {@code folds} folds: after each fold from {@link #MIN_FOLDS} on. */
    static int looks(int folds) {
        return Math.max(1, folds - MIN_FOLDS + 1);
    }

    /** P(W+ at least this large | no difference) for the non-zero differences d (positive = worse). */
    static double oneSidedP(List<Double> d) {
        int n = d.size();
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) abs[i] = Math.abs(d.get(i));
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(abs);
        double plus = 0;
        for (int i = 0; i < n; i++) if (d.get(i) > 0) plus += ranks[i];
        double minus = n * (n + 1) / 2.0 - plus;
        if (plus <= minus) return 1.0; // the trial is not the worse one
        double[] x = new double[n], zero = new double[n];
        for (int i = 0; i < n; i++) x[i] = d.get(i);
        // two-sided p = 2 P(W >= max(W+, W-)); here max is W+, so halving gives the one-sided p
        return new WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, zero, n <= EXACT_UP_TO) / 2;
    }
}
