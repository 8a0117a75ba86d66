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
 * Wilcoxon signed-rank test says it is worse than the best trial on the folds both have. The paired units are the
 * validation blocks of those folds ({@link FoldMetrics#valBlockRmse}, 10 per fold; the same target bars for both
 * trials), because a handful of fold scores cannot reach significance (with 4 folds the smallest one-sided p is
 * 1/16). Zero differences are dropped (Wilcoxon's rule). Never judges before {@link #MIN_FOLDS} shared folds,
 * never prunes a trial whose mean over the shared blocks is as good as the best's, and never compares folds that
 * do not cover the same test block.
 */
public final class WilcoxonPruner {
    /** Shared folds needed before a judgement: one validation period alone is not a pattern. */
    public static final int MIN_FOLDS = 2;
    /** One-sided p-value below which the trial is stopped. */
    public static final double P_THRESHOLD = 0.05;
    /** Up to this many pairs the p-value is exact (2^n sign patterns); above it, the normal approximation. */
    private static final int EXACT_UP_TO = 20;

    private WilcoxonPruner() {
    }

    /**
     * @param trial      the running trial's folds so far
     * @param best       the best trial's folds
     * @param bestNumber the best trial's number, for the reason
     */
    public static Pruner.Decision judge(List<FoldMetrics> trial, List<FoldMetrics> best, int bestNumber,
                                        Direction direction) {
        int shared = Math.min(trial.size(), best.size());
        if (shared < MIN_FOLDS) return Pruner.Decision.CONTINUE;
        List<Double> differences = new ArrayList<>();
        double sum = 0;
        int pairs = 0;
        for (int f = 0; f < shared; f++) {
            FoldMetrics a = trial.get(f), b = best.get(f);
            if (a.fold() != b.fold() || a.testFromMs() != b.testFromMs() || a.testToMs() != b.testToMs()) {
                return Pruner.Decision.CONTINUE; // other data or fold plan: nothing to pair
            }
            List<Double> x = a.valBlockRmse(), y = b.valBlockRmse();
            for (int k = 0; k < Math.min(x.size(), y.size()); k++) {
                // positive = the trial is worse in the campaign's direction
                double d = direction == Direction.MINIMIZE ? x.get(k) - y.get(k) : y.get(k) - x.get(k);
                if (Double.isNaN(d)) continue;
                pairs++;
                sum += d;
                if (d != 0) differences.add(d);
            }
        }
        if (differences.isEmpty() || sum <= 0) return Pruner.Decision.CONTINUE;
        double p = oneSidedP(differences);
        if (!(p < P_THRESHOLD)) return Pruner.Decision.CONTINUE;
        return Pruner.Decision.prune(String.format(Locale.ROOT, "fold-aware pruning after fold %d of %d: worse than"
                        + " trial #%d on the %d validation blocks of folds 1-%d (Wilcoxon signed-rank, one-sided"
                        + " p = %.3g; block val RMSE %s by %.4g on average)", shared, best.size(), bestNumber, pairs,
                shared, p, direction == Direction.MINIMIZE ? "higher" : "lower", sum / pairs));
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
