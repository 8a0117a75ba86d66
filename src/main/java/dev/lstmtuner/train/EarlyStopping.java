package dev.lstmtuner.train;

import dev.lstmtuner.config.RunConfig;

/**
 * Patience on val loss with a min_delta: an epoch counts as an improvement only when its val loss is below the val
 * loss of the last improvement by more than min_delta (a fraction of it when min_delta_mode is relative, val-loss
 * units when absolute). min_delta 0 is plain "any decrease". The first epoch is always an improvement.
 */
final class EarlyStopping {
    private final RunConfig config;
    private double mark = Double.POSITIVE_INFINITY;
    private int since;

    EarlyStopping(RunConfig config) {
        this.config = config;
    }

    /** Records one epoch's val loss; true when the run should stop now. */
    boolean observe(double valLoss) {
        double needed = Double.isInfinite(mark) ? 0 : config.minImprovement(mark);
        if (valLoss < mark - needed) {
            mark = valLoss;
            since = 0;
        } else {
            since++;
        }
        return config.patience() > 0 && since >= config.patience();
    }
}
