package dev.lstmtuner.search.pruner;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.search.PastTrial;

import java.util.List;

/**
 * Decides after each epoch whether a running trial should stop early. A pure function of its arguments;
 * the epoch listener calls it with the trial's curve so far ({@code curve[e - 1]} = epoch e's objective, e.g.
 * val_rmse) and the campaign's trials (any state; their curves so far), which may include this trial itself: every
 * pruner skips the trial numbered {@code trialNumber}, so callers pass their history as it is, without a copy.
 */
public interface Pruner {
    Decision shouldPrune(int trialNumber, double[] curve, List<PastTrial> others, Direction direction);

    String name();

    /** prune = stop the trial now and record it PRUNED at this epoch with this reason. */
    record Decision(boolean prune, String reason) {
        public static final Decision CONTINUE = new Decision(false, null);

        public static Decision prune(String reason) {
            return new Decision(true, reason);
        }
    }
}
