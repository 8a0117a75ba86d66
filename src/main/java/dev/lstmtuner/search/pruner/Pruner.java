package dev.lstmtuner.search.pruner;

import dev.lstmtuner.config.FidelityStep;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.search.PastTrial;

import java.util.Arrays;
import java.util.List;

/**
 * Decides after each epoch whether a running trial should stop early. A pure function of its arguments;
 * the epoch listener calls it with the trial's curve so far ({@code curve[e - 1]} = epoch e's objective, e.g.
 * val_rmse), the fidelity of each of those epochs ({@code fidelity[e - 1]}: the share of the training windows epoch e
 * trained on) and the campaign's trials (any state; their curves so far), which may include this trial itself: every
 * pruner skips the trial numbered {@code trialNumber}, so callers pass their history as it is, without a copy.
 * Pruners that compare trials compare only those that trained at the same fidelity up to the epoch judged.
 */
public interface Pruner {
    Decision shouldPrune(int trialNumber, double[] curve, double[] fidelity, List<PastTrial> others, Direction direction);

    /** A trial that trained on all the training windows at every epoch. */
    default Decision shouldPrune(int trialNumber, double[] curve, List<PastTrial> others, Direction direction) {
        double[] full = new double[curve.length];
        Arrays.fill(full, FidelityStep.FULL);
        return shouldPrune(trialNumber, curve, full, others, direction);
    }

    /**
     * The config's {@code fidelity} schedule this pruner has a run of {@code maxEpochs} epochs train by, computed
     * here only (the trainer reads it from the trial's config); null = every epoch on all the training windows.
     */
    default List<FidelityStep> fidelitySchedule(int maxEpochs) {
        return null;
    }

    String name();

    /** prune = stop the trial now and record it PRUNED at this epoch with this reason. */
    record Decision(boolean prune, String reason) {
        public static final Decision CONTINUE = new Decision(false, null);

        public static Decision prune(String reason) {
            return new Decision(true, reason);
        }
    }
}
