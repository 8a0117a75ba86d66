package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.Series;

import java.util.List;

/**
 * Cuts a feature matrix into model-ready windows (layout in {@link Dataset}).
 * <p>
 * The bars from {@code fm.firstRow()} to the end are cut chronologically at {@code split[0]} and
 * {@code split[0] + split[1]} into train, val and test regions; a window belongs to the region holding its target
 * bar t + horizon, so no training target lies in a later period. The first horizon - 1 bars of the val and of the
 * test region are purged (no window targets them): a log-return target over h bars would otherwise overlap the
 * previous region's last targets. Windows spanning a gap (bars t - timeSteps + 1 ..
 * t + horizon) are skipped and counted. Scalers are fitted on the training region only: features on its rows,
 * the target on its windows' targets. Nothing is shuffled.
 */
public final class Windows {
    static final int MIN_TRAIN = 10, MIN_VAL = 1, MIN_TEST = 1;

    private Windows() {
    }

    public static Dataset build(Series series, FeatureMatrix fm, int timeSteps, int horizon, String target,
                                List<Double> split, String scaler) {
        checkArguments(timeSteps, horizon, target, scaler);
        if (split == null || split.size() != 3) {
            throw new BadInputException("split must be three fractions [train, val, test], got " + split);
        }
        int size = series.size();
        int first = fm.firstRow();
        checkBelongs(series, fm);
        int rows = size - first;
        int trainEnd = first + (int) Math.floor(rows * split.get(0));
        int valEnd = first + (int) Math.floor(rows * (split.get(0) + split.get(1)));
        int purge = horizon - 1;
        return cut(series, fm, timeSteps, horizon, target, scaler,
                new Bounds(first, trainEnd, Math.min(trainEnd + purge, valEnd), valEnd,
                        Math.min(valEnd + purge, size), size), "the split " + split, ScalerFitting.TRAINING_ROWS);
    }

    /**
     * Target-bar regions of one cut: a window whose target bar is in [trainStart, trainEnd) trains, in
     * [valStart, valEnd) validates, in [testStart, testEnd) tests; windows with other targets (the purged bars
     * between regions) are left out. An empty val or test region (start = end) is allowed: a refit has no
     * validation, a walk-forward fold no test. Bars at or after the last region's end are never read, so a cut
     * cannot depend on them.
     */
    public record Bounds(int trainStart, int trainEnd, int valStart, int valEnd, int testStart, int testEnd) {
        public boolean hasVal() {
            return valEnd > valStart;
        }

        public boolean hasTest() {
            return testEnd > testStart;
        }

        /** Region of a target bar: 0 train, 1 val, 2 test, -1 none (purged or outside). */
        int region(int targetBar) {
            if (targetBar >= trainStart && targetBar < trainEnd) return 0;
            if (targetBar >= valStart && targetBar < valEnd) return 1;
            if (targetBar >= testStart && targetBar < testEnd) return 2;
            return -1;
        }
    }

    static void checkArguments(int timeSteps, int horizon, String target, String scaler) {
        if (timeSteps < 1) throw new BadInputException("time_steps must be at least 1, got " + timeSteps);
        if (horizon < 1) throw new BadInputException("horizon must be at least 1, got " + horizon);
        if (!"log_return".equals(target) && !"close".equals(target)) {
            throw new BadInputException("target must be log_return or close, got \"" + target + "\"");
        }
        Scalers.checkKind(scaler);
    }

    /**
     * Cuts the windows of one set of regions and fits the scalers on its training region only: features on the
     * rows [trainStart, trainEnd), the target on the training windows' targets.
     *
     * @param what names the cut in messages ("the split [0.7, 0.15, 0.15]", "walk-forward fold 2 of 3")
     */
    static Dataset cut(Series series, FeatureMatrix fm, int timeSteps, int horizon, String target, String scaler,
                       Bounds b, String what, ScalerFitting fitting) {
        int size = series.size();
        int first = fm.firstRow();
        checkBelongs(series, fm);
        if (b.trainStart() < first || b.trainStart() > b.trainEnd() || b.trainEnd() > b.valStart()
                || b.valStart() > b.valEnd() || b.valEnd() > b.testStart() || b.testStart() > b.testEnd()
                || b.testEnd() > size) {
            throw new IllegalArgumentException("regions out of order or outside the series: " + b);
        }
        int[] segment = segments(series);
        int[][] anchors = new int[3][size];
        int[] count = new int[3];
        int skipped = 0;
        for (int t = first + timeSteps - 1; t + horizon < b.testEnd(); t++) {
            int targetBar = t + horizon;
            int region = b.region(targetBar);
            if (region < 0) continue;
            if (segment[t - timeSteps + 1] != segment[targetBar]) {
                skipped++;
                continue;
            }
            anchors[region][count[region]++] = t;
        }
        if (count[0] < MIN_TRAIN || (b.hasVal() && count[1] < MIN_VAL) || (b.hasTest() && count[2] < MIN_TEST)) {
            throw new BadInputException("too few windows for " + what + ": train " + count[0] + ", val "
                    + count[1] + ", test " + count[2] + " (need at least " + MIN_TRAIN + ", " + MIN_VAL + ", "
                    + MIN_TEST + ") from " + (size - first) + " rows left after dropping " + first
                    + " warm-up rows, with time_steps " + timeSteps + " and horizon " + horizon
                    + (skipped > 0 ? " (" + skipped + " windows skipped at gaps)" : "")
                    + "; lower time_steps, choose features with a shorter warm-up, "
                    + (what.startsWith("walk-forward") ? "use fewer folds, " : "") + "or use more data");
        }

        int largest = Math.max(count[0], Math.max(count[1], count[2]));
        checkArraySize(largest, "in one split", fm.width(), timeSteps);
        double[] close = series.close();
        Scaler featureScaler = fitting.fit(scaler, fm.values(), b.trainStart() - first, b.trainEnd() - first,
                fm.width());
        double[] trainTargets = new double[count[0]];
        for (int k = 0; k < count[0]; k++) trainTargets[k] = target(close, anchors[0][k], horizon, target);
        Scaler targetScaler = Scalers.fit(scaler, trainTargets);

        Dataset.Split[] splits = new Dataset.Split[3];
        for (int r = 0; r < 3; r++) {
            splits[r] = split(series, fm, anchors[r], count[r], timeSteps, horizon, target, featureScaler,
                    targetScaler);
        }
        return new Dataset(fm.names(), timeSteps, horizon, target, splits[0], splits[1], splits[2], featureScaler,
                targetScaler, first, skipped);
    }

    static double target(double[] close, int anchor, int horizon, String target) {
        return "close".equals(target) ? close[anchor + horizon] : Math.log(close[anchor + horizon] / close[anchor]);
    }

    /** Segment number of every bar: windows may only join bars of one segment. */
    private static int[] segments(Series series) {
        int[] seg = new int[series.size()];
        int[] starts = series.segmentStarts();
        for (int s = 1; s < starts.length; s++) {
            for (int i = starts[s]; i < seg.length; i++) seg[i] = s;
        }
        return seg;
    }

    /**
     * Inputs for a trained model: every window whose bars t - timeSteps + 1 .. t lie in one gap-free stretch, scaled
     * with the model's saved feature scaler (nothing is fitted), including the last bar's window whose target lies
     * beyond the data. Windows are scaled exactly as {@link #build} scales them, so the same bars give the same
     * floats.
     */
    public static Inputs inputs(Series series, FeatureMatrix fm, int timeSteps, int horizon, Scaler featureScaler) {
        if (timeSteps < 1) throw new BadInputException("time_steps must be at least 1, got " + timeSteps);
        if (horizon < 1) throw new BadInputException("horizon must be at least 1, got " + horizon);
        if (featureScaler.shift().length != fm.width() || featureScaler.scale().length != fm.width()) {
            throw new IllegalArgumentException("feature scaler has " + featureScaler.shift().length
                    + " columns but the feature matrix " + fm.width());
        }
        int size = series.size();
        int first = fm.firstRow();
        checkBelongs(series, fm);
        int[] segment = segments(series);
        int[] anchors = new int[size];
        int n = 0;
        for (int t = first + timeSteps - 1; t < size; t++) {
            if (segment[t - timeSteps + 1] == segment[t]) anchors[n++] = t;
        }
        if (n == 0) {
            throw new BadInputException(series.source() + ": no complete window: " + (size - first)
                    + " bars left after dropping " + first + " warm-up bars, and time_steps " + timeSteps
                    + " needs that many gap-free bars in a row; use more data");
        }
        checkArraySize(n, "", fm.width(), timeSteps);
        double[] close = series.close();
        double[] actualClose = new double[n];
        for (int k = 0; k < n; k++) {
            int t = anchors[k];
            boolean known = t + horizon < size && segment[t + horizon] == segment[t];
            actualClose[k] = known ? close[t + horizon] : Double.NaN;
        }
        Anchored a = anchored(series, fm, anchors, n, timeSteps, featureScaler);
        return new Inputs(fm.names(), timeSteps, horizon, n, a.x, a.anchor, a.time, a.close, actualClose);
    }

    private static void checkBelongs(Series series, FeatureMatrix fm) {
        if (fm.firstRow() + fm.rows() != series.size()) {
            throw new IllegalArgumentException("feature matrix (" + fm.firstRow() + " + " + fm.rows()
                    + " rows) does not belong to a series of " + series.size() + " bars");
        }
    }

    private static void checkArraySize(int windows, String where, int width, int timeSteps) {
        if ((long) windows * width * timeSteps > Integer.MAX_VALUE - 8) {
            throw new BadInputException("too much data for one array: " + windows + " windows"
                    + (where.isEmpty() ? "" : " " + where) + " x " + width + " features x time_steps " + timeSteps
                    + "; set max_rows or lower time_steps");
        }
    }

    /** Scaled NCW windows ending at the given anchors, with each anchor's index, time and close. */
    private record Anchored(float[] x, int[] anchor, long[] time, double[] close) {
    }

    /** The one place windows are cut and scaled: training splits and prediction inputs share it. */
    private static Anchored anchored(Series series, FeatureMatrix fm, int[] anchors, int n, int timeSteps, Scaler fs) {
        int width = fm.width();
        double[][] v = fm.values();
        int first = fm.firstRow();
        float[] x = new float[n * width * timeSteps];
        int[] anchor = new int[n];
        long[] time = new long[n];
        double[] anchorClose = new double[n];
        double[] close = series.close();
        for (int k = 0; k < n; k++) {
            int t = anchors[k];
            int row0 = t - timeSteps + 1 - first;
            for (int f = 0; f < width; f++) {
                int base = (k * width + f) * timeSteps;
                for (int s = 0; s < timeSteps; s++) x[base + s] = (float) fs.apply(f, v[row0 + s][f]);
            }
            anchor[k] = t;
            time[k] = series.timeMs()[t];
            anchorClose[k] = close[t];
        }
        return new Anchored(x, anchor, time, anchorClose);
    }

    private static Dataset.Split split(Series series, FeatureMatrix fm, int[] anchors, int n, int timeSteps,
                                       int horizon, String target, Scaler fs, Scaler ts) {
        Anchored a = anchored(series, fm, anchors, n, timeSteps, fs);
        float[] y = new float[n];
        double[] actualClose = new double[n];
        double[] close = series.close();
        for (int k = 0; k < n; k++) {
            int t = anchors[k];
            y[k] = (float) ts.apply(0, target(close, t, horizon, target));
            actualClose[k] = close[t + horizon];
        }
        return new Dataset.Split(n, a.x, y, a.anchor, a.time, a.close, actualClose);
    }
}
