package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.Series;

import java.util.ArrayList;
import java.util.List;

/**
 * Nested walk-forward: selection only ever sees the development region, the first {@code split[0] + split[1]} of
 * the rows; the headline test region (the last {@code split[2]}) is scored once per trial, by a model that saw none
 * of it. Between regions {@code purge = horizon - 1 + embargo} bars are left out, so no target of one region
 * overlaps a target of the next.
 * <p>
 * One fold is the single split: train on the first {@code split[0]}, validate on the next {@code split[1]} (after
 * the purge), test on the rest (after the purge); the fold's model scores the test. With k > 1 folds the
 * validation region {@code split[1]} is cut into k consecutive blocks; fold j validates on block j and trains on the
 * bars before it (less the purge): from the first row ({@code expanding}) or on as many bars as fold 1
 * ({@code sliding}). No fold has a test block. A trial whose folds all complete is refit once on the whole
 * development region ({@link Plan#headline}, no validation) and that model scores the test region.
 * <p>
 * Every region is a range of target bars (a window belongs to the region of its target bar t + horizon); each cut
 * fits its own scalers on its own training rows and reads no bar at or after its last region's end.
 */
public final class WalkForward {
    public static final String EXPANDING = "expanding", SLIDING = "sliding";
    public static final List<String> SCHEMES = List.of(EXPANDING, SLIDING);

    private WalkForward() {
    }

    /**
     * One fold (1-based {@code number} of {@code of}) as target-bar ranges of the series: training targets in
     * [trainStart, trainEnd), validation in [valStart, valEnd), test in [testStart, testEnd) (empty for a fold of a
     * plan with k > 1). Number 0 is the refit of the headline.
     */
    public record Fold(int number, int of, int trainStart, int trainEnd, int valStart, int valEnd, int testStart,
                       int testEnd) {
        public Windows.Bounds bounds() {
            return new Windows.Bounds(trainStart, trainEnd, valStart, valEnd, testStart, testEnd);
        }

        public boolean isRefit() {
            return number == 0;
        }

        String label() {
            return isRefit() ? "the refit on the development region" : of == 1 ? "the split"
                    : "walk-forward fold " + number + " of " + of;
        }
    }

    /**
     * The folds selection trains and validates on, and the headline cut that scores the test region: fold 1 itself
     * when there is one fold, else the refit (train on the whole development region, no validation).
     *
     * @param devEnd the end of the development region (exclusive): no selection step reads a bar at or after it
     * @param purge  bars left out between training and validation and between validation and test
     */
    public record Plan(List<Fold> folds, Fold headline, int devEnd, int purge) {
        public Plan {
            folds = List.copyOf(folds);
        }

        public boolean refits() {
            return headline.isRefit();
        }
    }

    /**
     * The plan for a series of {@code size} bars (the bars a trial may read: a lockbox is already cut off) whose
     * features start at {@code firstRow}.
     */
    public static Plan plan(int size, int firstRow, List<Double> split, int folds, String scheme, int horizon,
                            int embargo) {
        if (split == null || split.size() != 3) {
            throw new BadInputException("split must be three fractions [train, val, test], got " + split);
        }
        if (folds < 1) throw new BadInputException("evaluation.folds must be at least 1, got " + folds);
        if (!SCHEMES.contains(scheme)) {
            throw new BadInputException("evaluation.scheme must be one of " + SCHEMES + ", got \"" + scheme + "\"");
        }
        if (embargo < 0) throw new BadInputException("evaluation.embargo must be 0 or more bars, got " + embargo);
        int purge = Math.max(0, horizon - 1) + embargo;
        int rows = size - firstRow;
        int trainEnd0 = firstRow + (int) Math.floor(rows * split.get(0));
        int devEnd = firstRow + (int) Math.floor(rows * (split.get(0) + split.get(1)));
        int testStart = devEnd + purge;
        if (testStart >= size) {
            throw new BadInputException("the test region (split " + split + ") holds " + (size - devEnd)
                    + " bars, none left after a purge of " + purge + " bars (horizon - 1 + evaluation.embargo); use"
                    + " a larger test fraction, a smaller embargo or more data");
        }
        int valLength = devEnd - trainEnd0;
        if (valLength < folds * (1 + (folds > 1 ? 0 : purge))) {
            throw new BadInputException("evaluation.folds " + folds + " needs at least one validation bar per fold,"
                    + " but the validation region (split " + split + ") holds " + valLength + " bars"
                    + (purge > 0 ? " (less a purge of " + purge + ")" : "") + "; use fewer folds, a larger"
                    + " validation fraction, or more data");
        }
        if (folds == 1) {
            Fold only = new Fold(1, 1, firstRow, trainEnd0, trainEnd0 + purge, devEnd, testStart, size);
            return new Plan(List.of(only), only, devEnd, purge);
        }
        int trainLength = trainEnd0 - purge - firstRow;
        if (trainLength < 1) {
            throw new BadInputException("the training region (split " + split + ") holds " + (trainEnd0 - firstRow)
                    + " bars, none left after a purge of " + purge + " bars; use a larger train fraction or more data");
        }
        List<Fold> out = new ArrayList<>(folds);
        for (int j = 0; j < folds; j++) {
            int from = trainEnd0 + (int) ((long) valLength * j / folds);
            int to = trainEnd0 + (int) ((long) valLength * (j + 1) / folds);
            int trainEnd = from - purge;
            int trainStart = SLIDING.equals(scheme) ? trainEnd - trainLength : firstRow;
            out.add(new Fold(j + 1, folds, trainStart, trainEnd, from, to, to, to));
        }
        Fold refit = new Fold(0, folds, firstRow, devEnd, devEnd, devEnd, testStart, size);
        return new Plan(out, refit, devEnd, purge);
    }

    /** The model-ready windows of one fold, scaled with scalers fitted on that fold's training region only. */
    public static Dataset build(Series series, FeatureMatrix fm, Fold fold, int timeSteps, int horizon, String target,
                                String scaler) {
        return build(series, fm, fold, timeSteps, horizon, target, scaler, ScalerFitting.TRAINING_ROWS);
    }

    /** As {@link #build(Series, FeatureMatrix, Fold, int, int, String, String)} with the given scaler fitting. */
    public static Dataset build(Series series, FeatureMatrix fm, Fold fold, int timeSteps, int horizon, String target,
                                String scaler, ScalerFitting fitting) {
        Windows.checkArguments(timeSteps, horizon, target, scaler);
        return Windows.cut(series, fm, timeSteps, horizon, target, scaler, fold.bounds(), fold.label(), fitting);
    }
}
