package dev.lstmtuner.train;

import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.FeatureMatrix;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.stats.DieboldMariano;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Leakage canaries: the pipeline run again on the same data with changes whose outcome is known.
 * <ul>
 * <li><b>shuffled target</b>: the training windows' targets permuted within each training region (every fold's and
 *     the refit's), {@link #SHUFFLES} times. Nothing real is left to learn, so at most one run may beat persistence
 *     on the test split after Holm's correction at {@link DieboldMariano#ALPHA}; more means the test is reachable
 *     from training (the pipeline <i>leaks</i>).</li>
 * <li><b>planted target</b>: a feature that is the very target of the window. A pipeline that cannot reach a skill
 *     of {@link #PLANTED_SKILL} with it is <i>blind</i> (inputs or targets misaligned).</li>
 * <li><b>future change</b>: every bar from the headline test on is changed; the objective and every fold's record
 *     must stay bit-identical, or selection reads test bars (it <i>leaks</i>: a scaler fitted on all bars fails
 *     here, where the shuffled-target canary would not see it).</li>
 * </ul>
 */
public final class LeakageAudit {
    public static final int SHUFFLES = 5;
    public static final double PLANTED_SKILL = 0.5;
    public static final String PLANTED = "planted_future_target";
    private static final Trainer.BatchProgress NO_BAR = (e, b, n, t) -> { };

    private LeakageAudit() {
    }

    /** One canary's outcome, in words. */
    public record Canary(String name, boolean passed, String finding) {
    }

    /** The audit: every canary, and whether the pipeline leaks or is blind. */
    public record Result(List<Canary> canaries, boolean leaks, boolean blind) {
        public boolean passed() {
            return !leaks && !blind;
        }
    }

    public static Result run(RunConfig c, LoadedData data) {
        return run(c, data, PipelineChange.NONE);
    }

    /** @param base the pipeline audited: {@link PipelineChange#NONE} but in the audit's own tests */
    public static Result run(RunConfig c, LoadedData data, PipelineChange base) {
        List<Canary> out = new ArrayList<>();
        Canary shuffled = shuffled(c, data, base);
        Canary future = future(c, data, base);
        Canary planted = planted(c, data, base);
        out.add(shuffled);
        out.add(future);
        out.add(planted);
        return new Result(List.copyOf(out), !shuffled.passed() || !future.passed(), !planted.passed());
    }

    private static TrialRunner.Outcome once(RunConfig c, LoadedData data, PipelineChange change) {
        TrialRunner.Prepared p = TrialRunner.prepare(c, data, change);
        return TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, NO_BAR);
    }

    private static Canary shuffled(RunConfig c, LoadedData data, PipelineChange base) {
        double[] p = new double[SHUFFLES];
        double[] skill = new double[SHUFFLES];
        for (int s = 0; s < SHUFFLES; s++) {
            long seed = 1_000 + s;
            FinalMetrics m = once(c, data, base.after(f -> f, d -> shuffleTraining(d, seed))).metrics();
            p[s] = m.persistencePValue() == null ? 1.0 : m.persistencePValue();
            skill[s] = m.skill();
        }
        int beats = holmBeats(p, skill, DieboldMariano.ALPHA);
        String finding = String.format(Locale.ROOT, "%d of %d runs with the training target shuffled beat"
                        + " persistence on the test split after Holm at %.2f (skills %s, raw p %s); at most 1 may",
                beats, SHUFFLES, DieboldMariano.ALPHA, fmt(skill), fmt(p));
        return new Canary("shuffled target", beats <= 1, finding);
    }

    private static Canary future(RunConfig c, LoadedData data, PipelineChange base) {
        TrialRunner.Prepared p = TrialRunner.prepare(c, data, base);
        int from = p.plan().devEnd();
        TrialRunner.Outcome a = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, NO_BAR);
        LoadedData changed = new LoadedData(changedFrom(data.series(), from), data.report());
        TrialRunner.Outcome b = once(c, changed, base);
        boolean same = a.objective(Objective.VAL_LOSS) == b.objective(Objective.VAL_LOSS)
                && a.objective(Objective.VAL_RMSE) == b.objective(Objective.VAL_RMSE) && sameFolds(a.folds(), b.folds());
        String finding = same
                ? "changing every bar from " + from + " (the headline test) on left the objective and every fold"
                + " bit-identical"
                : String.format(Locale.ROOT, "changing the bars from %d (the headline test) on changed what"
                        + " selection sees: objective %.9g -> %.9g; selection reads test bars",
                from, a.objective(Objective.VAL_RMSE), b.objective(Objective.VAL_RMSE));
        return new Canary("future change", same, finding);
    }

    private static Canary planted(RunConfig c, LoadedData data, PipelineChange base) {
        Series s = data.series();
        FinalMetrics m = once(c, data, base.after(f -> plant(f, s, c), d -> d)).metrics();
        boolean ok = m.skill() >= PLANTED_SKILL;
        String finding = String.format(Locale.ROOT, "with a feature that is the future target, skill %.3f on the"
                + " test split (at least %.1f needed)", m.skill(), PLANTED_SKILL);
        return new Canary("planted target", ok, finding);
    }

    private static boolean sameFolds(List<FoldMetrics> a, List<FoldMetrics> b) {
        return a.equals(b);
    }

    /** Holm's step-down at {@code alpha}: how many runs beat persistence (positive skill, rejected null). */
    static int holmBeats(double[] p, double[] skill, double alpha) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        int beats = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (!(p[i] < alpha / (p.length - k))) break;
            if (skill[i] > 0) beats++;
        }
        return beats;
    }

    /** The windows with their training targets permuted (seeded), inputs and everything else unchanged. */
    static Dataset shuffleTraining(Dataset d, long seed) {
        Dataset.Split t = d.train();
        float[] y = t.y().clone();
        Random r = new Random(seed);
        for (int i = y.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float v = y[i];
            y[i] = y[j];
            y[j] = v;
        }
        Dataset.Split shuffled = new Dataset.Split(t.n(), t.x(), y, t.anchor(), t.anchorTimeMs(), t.anchorClose(),
                t.actualClose());
        return new Dataset(d.featureNames(), d.timeSteps(), d.horizon(), d.target(), shuffled, d.val(), d.test(),
                d.featureScaler(), d.targetScaler(), d.warmupRowsDropped(), d.windowsSkippedAtGaps());
    }

    /** The features plus one column that is, at bar t, the target of the window anchored at t (0 past the end). */
    static FeatureMatrix plant(FeatureMatrix f, Series s, RunConfig c) {
        int end = f.firstRow() + f.rows();
        double[] close = s.close();
        double[][] v = new double[f.rows()][];
        for (int i = 0; i < f.rows(); i++) {
            int t = f.firstRow() + i;
            v[i] = Arrays.copyOf(f.values()[i], f.width() + 1);
            v[i][f.width()] = t + c.horizon() < end
                    ? ("close".equals(c.target()) ? close[t + c.horizon()] : Math.log(close[t + c.horizon()] / close[t]))
                    : 0;
        }
        List<String> names = new ArrayList<>(f.names());
        names.add(PLANTED);
        return new FeatureMatrix(List.copyOf(names), v, f.firstRow());
    }

    /** A copy whose bars from {@code from} on are scaled by a deterministic random walk (prices and volume). */
    static Series changedFrom(Series s, int from) {
        double[] open = s.open().clone(), high = s.high().clone(), low = s.low().clone(), close = s.close().clone(),
                volume = s.volume().clone();
        Random rnd = new Random(17);
        double level = 1;
        for (int i = from; i < s.size(); i++) {
            level *= Math.exp(0.01 * rnd.nextGaussian());
            open[i] *= level;
            close[i] *= level;
            high[i] = Math.max(high[i] * level, Math.max(open[i], close[i]));
            low[i] = Math.min(low[i] * level, Math.min(open[i], close[i]));
            volume[i] = volume[i] * 1.5 + 1;
        }
        return new Series(s.source(), s.intervalMs(), s.timeMs(), open, high, low, close, volume, s.gaps());
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", v[i]));
        return sb.append(']').toString();
    }
}
