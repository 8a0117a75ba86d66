package dev.lstmtuner.search.pruner;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.FidelityStep;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.search.PastTrial;

import java.util.Arrays;
import java.util.List;

/**
 * Optuna's PatientPruner, for noisy curves: a trial may be pruned only once it has stalled, i.e. the best of its
 * last {@code patience} + 1 values is worse than the best before them by more than {@code minDelta} (absolute, in
 * objective units; as in Optuna it is a tolerance, so a larger min_delta prunes less). A stalled trial is then
 * pruned if the wrapped pruner agrees, or outright when there is none.
 */
public final class PatientPruner implements Pruner {
    private final Pruner wrapped;
    private final int patience;
    private final double minDelta;

    /** @param wrapped null = prune on stalling alone */
    public PatientPruner(Pruner wrapped, int patience, double minDelta) {
        if (patience < 0) throw new BadInputException("patient pruner: patience must be >= 0, got " + patience);
        if (!(minDelta >= 0)) throw new BadInputException("patient pruner: min_delta must be >= 0, got " + minDelta);
        this.wrapped = wrapped;
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Whether the curve has stalled for the last {@code patience} + 1 epochs. */
    public boolean stalled(double[] curve, Direction direction) {
        int split = curve.length - patience - 1;
        if (split < 1) return false;
        double before = Curves.bestUpTo(curve, split, direction);
        double after = Curves.bestUpTo(Arrays.copyOfRange(curve, split, curve.length), patience + 1, direction);
        if (Double.isNaN(before) || Double.isNaN(after)) return false;
        return direction.asLoss(after) > direction.asLoss(before) + minDelta;
    }

    @Override
    public Decision shouldPrune(int trialNumber, double[] curve, double[] fidelity, List<PastTrial> others,
                                Direction direction) {
        if (!stalled(curve, direction)) return Decision.CONTINUE;
        if (wrapped == null) {
            return Decision.prune("objective: the best of the last " + (patience + 1) + " epochs is worse than the best before"
                    + " them by more than min_delta " + Curves.fmt(minDelta) + " (patient pruner)");
        }
        Decision d = wrapped.shouldPrune(trialNumber, curve, fidelity, others, direction);
        return d.prune() ? Decision.prune(d.reason() + ", and it stalled for " + (patience + 1) + " epochs") : d;
    }

    /** The wrapped pruner's: the patient pruner only adds a condition on the trial's own curve. */
    @Override
    public List<FidelityStep> fidelitySchedule(int maxEpochs) {
        return wrapped == null ? null : wrapped.fidelitySchedule(maxEpochs);
    }

    @Override
    public String name() {
        return "patient(" + (wrapped == null ? "none" : wrapped.name()) + ")";
    }
}
