package dev.lstmtuner.features;

/**
 * How the feature scaler of a cut is fitted, given the feature rows and the cut's training rows [trainFrom, trainTo).
 * The pipeline always uses {@link #TRAINING_ROWS}; the parameter exists so that the leakage audit's own test can
 * plant a leak (a scaler fitted on every row) and see the audit catch it.
 */
@FunctionalInterface
public interface ScalerFitting {
    Scaler fit(String kind, double[][] rows, int trainFrom, int trainTo, int width);

    /** Fitted on the training rows only: the only fitting the pipeline uses. */
    ScalerFitting TRAINING_ROWS = Scalers::fit;

    /** Fitted on every row, future ones included: a deliberate leak, for tests of the audit. */
    ScalerFitting ALL_ROWS_LEAK = (kind, rows, trainFrom, trainTo, width) -> Scalers.fit(kind, rows, 0, rows.length,
            width);
}
