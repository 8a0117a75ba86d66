package dev.lstmtuner.analysis;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The confirmed winner's lead over #2 against seed noise, on fresh seeds only. Arms that share seeds (confirmation
 * gives every top trial the same extra seeds) are compared seed by seed with a paired t-test over the {@code n}
 * shared seeds: the seed's own effect cancels in each difference. Arms without 2 shared seeds fall back to Welch's
 * unpaired test. {@code pValue} is NaN when neither can run; a gap that is the same on every shared seed has p = 0
 * (and p = 1 when it is 0).
 *
 * @param gap how much better #1's fresh mean is than #2's (never negative)
 */
public record SeedLead(double gap, int n, boolean paired, double pValue) {
    /** Below this p-value the lead is called larger than seed noise. */
    public static final double ALPHA = 0.05;

    static SeedLead of(ConfirmedRanking.Arm first, ConfirmedRanking.Arm second) {
        double gap = Math.abs(first.mean() - second.mean());
        Map<Long, Double> a = first.bySeed(), b = second.bySeed();
        List<double[]> pairs = new ArrayList<>();
        a.forEach((seed, v) -> {
            if (b.containsKey(seed)) pairs.add(new double[]{v, b.get(seed)});
        });
        if (pairs.size() >= 2) {
            double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
            double[] d = new double[x.length];
            for (int i = 0; i < d.length; i++) d[i] = x[i] - y[i];
            double p = StatUtils.variance(d) == 0 ? (StatUtils.mean(d) == 0 ? 1.0 : 0.0) : new TTest().pairedTTest(x, y);
            return new SeedLead(gap, pairs.size(), true, p);
        }
        double[] x = first.values(), y = second.values();
        if (x.length < 2 || y.length < 2) return new SeedLead(gap, 0, false, Double.NaN);
        double p = StatUtils.variance(x) == 0 && StatUtils.variance(y) == 0
                ? (StatUtils.mean(x) == StatUtils.mean(y) ? 1.0 : 0.0) : new TTest().tTest(x, y);
        return new SeedLead(gap, Math.min(x.length, y.length), false, p);
    }

    public boolean significant() {
        return pValue < ALPHA;
    }

    /** "paired t-test over n = 4 shared seeds, p = 0.03" or the Welch fallback's words. */
    public String method() {
        String p = pValue < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3g", pValue);
        return (paired ? "paired t-test over n = " + n + " shared seeds, "
                : "Welch t-test on the fresh runs (fewer than 2 shared seeds), ") + p;
    }
}
