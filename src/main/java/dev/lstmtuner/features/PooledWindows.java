package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.Series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The windows of several symbols for one model ("one model for all"). Each symbol is cut on its own series with
 * its own scalers, fitted on that symbol's training bars only ({@link Windows#cut}), so no symbol's scale leaks into
 * another's and no scaler reads a bar of its symbol's validation or test region. The regions share date
 * boundaries: the first symbol's fold plan fixes the instants where training ends, validation starts and ends and
 * the test starts, and every symbol's regions begin at its first bar at or after those instants. A window is cut
 * from one series, so no window crosses symbols.
 * <p>
 * The merged dataset lives in scaled-target space: its target is each window's own scaled target, its
 * {@code actualClose} the same value and its {@code anchorClose} the scaled value of "no change" (a zero log
 * return, or the anchor's close through that symbol's target scaler), read through an identity scaler as a
 * {@code close} target. Its validation RMSE thus weighs every symbol alike, where one in prices would be the
 * dearest symbol's alone. Merged windows are ordered by anchor time, then symbol; their {@code anchor} is their
 * position, unique and ascending as inference needs (the symbols' series differ, so no bar index would do).
 * With {@code symbolFeature} every window gets one-hot columns {@code symbol=NAME}, constant over its steps.
 */
public final class PooledWindows {
    /** The prefix of the one-hot symbol columns. */
    public static final String SYMBOL_COLUMN = "symbol=";

    private PooledWindows() {
    }

    /** One symbol's bars and causal features. */
    public record Source(String symbol, Series series, FeatureMatrix features) {
    }

    /** One symbol's own windows (its scalers, prices, real anchors), with the symbol columns when there are some. */
    public record Member(String symbol, Series series, Dataset dataset, Windows.Bounds bounds) {
    }

    /** Where each merged window of a split came from: member {@code member[k]}'s window {@code window[k]}. */
    public record Origin(int[] member, int[] window) {
    }

    public record Pooled(Dataset merged, List<Member> members, Origin train, Origin val, Origin test) {
    }

    /**
     * @param first the first symbol's single-split bounds (target-bar ranges of its series): their instants are the
     *              shared date boundaries
     */
    public static Pooled cut(List<Source> sources, Windows.Bounds first, int timeSteps, int horizon, String target,
                             String scaler, boolean symbolFeature) {
        Windows.checkArguments(timeSteps, horizon, target, scaler);
        if (sources.size() < 2) throw new BadInputException("\"pooled\" needs at least two symbols, got " + sources.size());
        long[] t0 = sources.get(0).series().timeMs();
        long trainEnd = t0[first.trainEnd()], valStart = t0[first.valStart()], valEnd = t0[first.valEnd()],
                testStart = t0[first.testStart()];
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            Windows.Bounds b = i == 0 ? first : new Windows.Bounds(s.features().firstRow(),
                    at(s, trainEnd, "training end"), at(s, valStart, "validation start"), at(s, valEnd, "validation end"),
                    at(s, testStart, "test start"), s.series().size());
            if (b.trainStart() >= b.trainEnd()) {
                throw new BadInputException(s.symbol() + ": its features start (" + Instant.ofEpochMilli(
                        s.series().timeMs()[b.trainStart()]) + ") after the pooled split's training end ("
                        + Instant.ofEpochMilli(trainEnd) + ", fixed by the first symbol); give every symbol data over"
                        + " the same dates");
            }
            Dataset own = Windows.cut(s.series(), s.features(), timeSteps, horizon, target, scaler, b,
                    s.symbol() + "'s share of the pooled split", ScalerFitting.TRAINING_ROWS);
            members.add(new Member(s.symbol(), s.series(), symbolFeature ? withSymbolColumns(own, sources, i) : own, b));
        }
        Dataset d0 = members.get(0).dataset();
        Origin train = origin(members, Dataset::train), val = origin(members, Dataset::val),
                test = origin(members, Dataset::test);
        Scaler identity = new Scaler(scaler, new double[]{0}, new double[]{1});
        Dataset merged = new Dataset(d0.featureNames(), timeSteps, horizon, "close",
                merge(members, Dataset::train, train, target), merge(members, Dataset::val, val, target),
                merge(members, Dataset::test, test, target), d0.featureScaler(), identity, d0.warmupRowsDropped(),
                members.stream().mapToInt(m -> m.dataset().windowsSkippedAtGaps()).sum());
        return new Pooled(merged, List.copyOf(members), train, val, test);
    }

    /** The symbol's first bar at or after {@code time}; refused when its data ends before it. */
    private static int at(Source s, long time, String what) {
        long[] t = s.series().timeMs();
        int i = Arrays.binarySearch(t, time);
        int index = i >= 0 ? i : -i - 1;
        if (index >= t.length) {
            throw new BadInputException(s.symbol() + ": its data ends (" + Instant.ofEpochMilli(t[t.length - 1])
                    + ") before the pooled split's " + what + " (" + Instant.ofEpochMilli(time)
                    + ", fixed by the first symbol); give every symbol data over the same dates");
        }
        return index;
    }

    private interface SplitOf {
        Dataset.Split of(Dataset d);
    }

    private static Origin origin(List<Member> members, SplitOf split) {
        List<int[]> all = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            Dataset.Split s = split.of(members.get(m).dataset());
            for (int k = 0; k < s.n(); k++) all.add(new int[]{m, k});
        }
        all.sort(Comparator.<int[]>comparingLong(e -> split.of(members.get(e[0]).dataset()).anchorTimeMs()[e[1]])
                .thenComparingInt(e -> e[0]));
        int[] member = new int[all.size()], window = new int[all.size()];
        for (int k = 0; k < all.size(); k++) {
            member[k] = all.get(k)[0];
            window[k] = all.get(k)[1];
        }
        return new Origin(member, window);
    }

    private static Dataset.Split merge(List<Member> members, SplitOf split, Origin o, String target) {
        int n = o.member().length;
        int per = members.get(0).dataset().features() * members.get(0).dataset().timeSteps();
        float[] x = new float[n * per], y = new float[n];
        int[] anchor = new int[n];
        long[] time = new long[n];
        double[] noChange = new double[n], actual = new double[n];
        for (int k = 0; k < n; k++) {
            Dataset d = members.get(o.member()[k]).dataset();
            Dataset.Split s = split.of(d);
            int w = o.window()[k];
            System.arraycopy(s.x(), w * per, x, k * per, per);
            y[k] = s.y()[w];
            anchor[k] = k;
            time[k] = s.anchorTimeMs()[w];
            noChange[k] = d.targetScaler().apply(0, "log_return".equals(target) ? 0 : s.anchorClose()[w]);
            actual[k] = s.y()[w];
        }
        return new Dataset.Split(n, x, y, anchor, time, noChange, actual);
    }

    /** The member's windows with one-hot columns naming its symbol appended after its features. */
    private static Dataset withSymbolColumns(Dataset d, List<Source> sources, int member) {
        List<String> names = new ArrayList<>(d.featureNames());
        for (Source s : sources) names.add(SYMBOL_COLUMN + s.symbol());
        int f = d.features(), wide = names.size(), steps = d.timeSteps();
        double[] shift = Arrays.copyOf(d.featureScaler().shift(), wide), scale = Arrays.copyOf(d.featureScaler().scale(), wide);
        Arrays.fill(scale, f, wide, 1.0);
        return new Dataset(List.copyOf(names), steps, d.horizon(), d.target(), widen(d.train(), f, wide, steps, member),
                widen(d.val(), f, wide, steps, member), widen(d.test(), f, wide, steps, member),
                new Scaler(d.featureScaler().kind(), shift, scale), d.targetScaler(), d.warmupRowsDropped(),
                d.windowsSkippedAtGaps());
    }

    private static Dataset.Split widen(Dataset.Split s, int f, int wide, int steps, int member) {
        float[] x = new float[s.n() * wide * steps];
        for (int k = 0; k < s.n(); k++) {
            System.arraycopy(s.x(), k * f * steps, x, k * wide * steps, f * steps);
            Arrays.fill(x, (k * wide + f + member) * steps, (k * wide + f + member + 1) * steps, 1f);
        }
        return new Dataset.Split(s.n(), x, s.y(), s.anchor(), s.anchorTimeMs(), s.anchorClose(), s.actualClose());
    }
}
