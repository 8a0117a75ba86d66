package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.Series;

import java.util.ArrayList;
import java.util.List;

/**
 * Walk-forward (rolling-origin) folds: the test region of the chronological split (its last {@code split[2]} of
 * the rows) is cut into k consecutive, non-overlapping test blocks; fold j validates on the {@code split[1]} of the
 * rows just before its test block and trains on the bars before that. With the {@code expanding} scheme every fold
 * trains from the first row (its training region grows by one test block per fold); with {@code sliding} every fold
 * trains on as many bars as the first fold, the window sliding forward. Fold 1 of any k has the single split's
 * train and val regions, and one fold is exactly {@link Windows#build}'s split. Each fold is cut with its own
 * scalers, fitted on its own training region, and reads no bar at or after its test block's end.
 */
public final class WalkForward {
    public static final String EXPANDING = "expanding", SLIDING = "sliding";
    public static final List<String> SCHEMES = List.of(EXPANDING, SLIDING);

    private WalkForward() {
    }

    /**
     * One fold (1-based {@code number} of {@code of}) as bar indices of the series, by target bar: training
     * targets in [trainStart, trainEnd), validation in [trainEnd, valEnd), test in [valEnd, testEnd).
     */
    public record Fold(int number, int of, int trainStart, int trainEnd, int valEnd, int testEnd) {
        public int valStart() {
            return trainEnd;
        }

        public int testStart() {
            return valEnd;
        }

        String label() {
            return "walk-forward fold " + number + " of " + of;
        }
    }

    /** The folds for a series of {@code size} bars whose features start at {@code firstRow}. */
    public static List<Fold> plan(int size, int firstRow, List<Double> split, int folds, String scheme) {
        if (split == null || split.size() != 3) {
            throw new BadInputException("split must be three fractions [train, val, test], got " + split);
        }
        if (folds < 1) throw new BadInputException("evaluation.folds must be at least 1, got " + folds);
        if (!SCHEMES.contains(scheme)) {
            throw new BadInputException("evaluation.scheme must be one of " + SCHEMES + ", got \"" + scheme + "\"");
        }
        int rows = size - firstRow;
        int trainEnd0 = firstRow + (int) Math.floor(rows * split.get(0));
        int testStart = firstRow + (int) Math.floor(rows * (split.get(0) + split.get(1)));
        int valLength = testStart - trainEnd0;
        int trainLength = trainEnd0 - firstRow;
        int testRows = size - testStart;
        if (testRows < folds) {
            throw new BadInputException("evaluation.folds " + folds + " needs at least one test bar per fold, but the"
                    + " test region (split " + split + ") holds " + testRows + " bars; use fewer folds, a larger"
                    + " test fraction, or more data");
        }
        List<Fold> out = new ArrayList<>(folds);
        for (int j = 0; j < folds; j++) {
            int from = testStart + (int) ((long) testRows * j / folds);
            int to = testStart + (int) ((long) testRows * (j + 1) / folds);
            int valStart = from - valLength;
            int trainStart = SLIDING.equals(scheme) ? valStart - trainLength : firstRow;
            out.add(new Fold(j + 1, folds, trainStart, valStart, from, to));
        }
        return List.copyOf(out);
    }

    /** The model-ready windows of one fold, scaled with scalers fitted on that fold's training region only. */
    public static Dataset build(Series series, FeatureMatrix fm, Fold fold, int timeSteps, int horizon, String target,
                                String scaler) {
        Windows.checkArguments(timeSteps, horizon, target, scaler);
        return Windows.cut(series, fm, timeSteps, horizon, target, scaler,
                new Windows.Bounds(fold.trainStart(), fold.trainEnd(), fold.valEnd(), fold.testEnd()),
                fold.of() == 1 ? "the split" : fold.label());
    }
}
