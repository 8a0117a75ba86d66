package dev.lstmtuner.analysis.diagnosis;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Locale;
import java.util.Optional;

/**
 * Learned nothing, read from the test forecasts (so it applies to every family, baselines included): the forecasts
 * stand still (their mean move from the last close is under {@value #STILL_MOVES} of the real mean move: persistence
 * in disguise), or they carry no information: no skill (RMSE not below persistence's) and no correlation between the
 * predicted move and the actual move (one-sided test of Pearson's r > 0 not significant at {@value #ALPHA}). Needs
 * {@value #MIN_WINDOWS} test windows. The remedy is the tutorial's for poor results (§7 step 5, "效果不好").
 */
final class LearnedNothingRule {
    static final double STILL_MOVES = 0.10;
    static final double ALPHA = 0.05;
    static final int MIN_WINDOWS = 10;
    static final String REMEDY = "add history (a longer lookback) or lengthen the window (time_steps)";

    private LearnedNothingRule() {
    }

    static Optional<Diagnosis> judge(Forecasts f) {
        int n = 0;
        double model = 0, real = 0, se = 0, sePersistence = 0;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < f.size(); i++) {
            double x = f.predicted()[i] - f.lastClose()[i], y = f.actual()[i] - f.lastClose()[i];
            if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
            n++;
            model += Math.abs(x);
            real += Math.abs(y);
            se += (x - y) * (x - y);
            sePersistence += y * y;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        if (n < MIN_WINDOWS || real == 0) return Optional.empty();
        double ratio = model / real;
        if (ratio < STILL_MOVES) {
            return Optional.of(new Diagnosis(DiagnosisKind.LEARNED_NOTHING, String.format(Locale.ROOT,
                    "Learned nothing: the forecasts stand still; they move %.1f%% as much as the price does (under"
                            + " %.0f%%): persistence in disguise.", 100 * ratio, 100 * STILL_MOVES), REMEDY, null));
        }
        double skill = 1 - Math.sqrt(se / sePersistence);
        double cov = sxy - sx * sy / n, vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        double r = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
        double p = upperP(r, n);
        if (skill > 0 || p < ALPHA) return Optional.empty();
        return Optional.of(new Diagnosis(DiagnosisKind.LEARNED_NOTHING, String.format(Locale.ROOT,
                "Learned nothing: the forecasts carry no information; skill %.3g (no better than persistence) and the"
                        + " predicted move's correlation with the actual move is %.2f (p = %.2g, not above 0) over %d"
                        + " test windows.", skill, r, p, n), REMEDY, null));
    }

    /** One-sided p-value of Pearson's r > 0 over n pairs: t = r·√((n−2)/(1−r²)) with n − 2 degrees of freedom. */
    static double upperP(double r, int n) {
        if (r >= 1) return 0;
        double t = r * Math.sqrt((n - 2) / (1 - r * r));
        return 1 - new TDistribution(null, n - 2).cumulativeProbability(t);
    }
}
