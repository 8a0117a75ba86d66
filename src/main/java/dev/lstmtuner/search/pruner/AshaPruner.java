package dev.lstmtuner.search.pruner;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.search.PastTrial;

import java.util.ArrayList;
import java.util.List;

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020). Rung r sits at epoch minResource * eta^(r + s), s =
 * {@code minEarlyStoppingRate}. A trial reaching a rung continues only if its best value up to that epoch is within
 * the top 1/eta of all trials that have reached the rung so far (itself included; compared by their best up to
 * the rung too, which is what a run restoring its best epoch reports). No one waits for a rung to fill: while fewer
 * than eta trials have reached it, only the best of them continues (as Optuna does, since trials cannot be paused).
 */
public final class AshaPruner implements Pruner {
    private final int minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;

    public AshaPruner(int minResource, int reductionFactor, int minEarlyStoppingRate) {
        if (minResource < 1 || reductionFactor < 2 || minEarlyStoppingRate < 0) {
            throw new BadInputException("asha pruner: needs min_resource >= 1, reduction_factor >= 2 and"
                    + " min_early_stopping_rate >= 0, got " + minResource + ", " + reductionFactor + ", " + minEarlyStoppingRate);
        }
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
    }

    /** The rung index at this epoch, or -1 when the epoch is not a rung. */
    public int rungAt(int epoch) {
        long e = (long) minResource * pow(reductionFactor, minEarlyStoppingRate);
        for (int r = 0; e <= epoch; r++, e *= reductionFactor) {
            if (e == epoch) return r;
        }
        return -1;
    }

    @Override
    public Decision shouldPrune(int trialNumber, double[] curve, List<PastTrial> others, Direction direction) {
        int epoch = curve.length;
        int rung = rungAt(epoch);
        if (rung < 0) return Decision.CONTINUE;
        double mine = Curves.bestUpTo(curve, epoch, direction);
        if (Double.isNaN(mine)) {
            return Decision.prune("the objective is NaN up to epoch " + epoch + " (rung " + rung + ")");
        }
        List<Double> competing = new ArrayList<>();
        competing.add(mine);
        for (PastTrial t : others) {
            if (t.number() == trialNumber || t.epochsReported() < epoch) continue;
            double v = Curves.bestUpTo(t.intermediate(), epoch, direction);
            if (!Double.isNaN(v)) competing.add(v);
        }
        List<Double> losses = new ArrayList<>(competing.stream().map(direction::asLoss).sorted().toList());
        int promoted = Math.max(1, competing.size() / reductionFactor);
        double cutoff = losses.get(promoted - 1);
        if (direction.asLoss(mine) <= cutoff) return Decision.CONTINUE;
        return Decision.prune("objective " + Curves.fmt(mine) + " (best up to epoch " + epoch + ") is not in the top 1/"
                + reductionFactor + " (" + promoted + " of " + competing.size() + " trials) at rung " + rung
                + " (epoch " + epoch + "); the cut-off is " + Curves.fmt(direction == Direction.MINIMIZE ? cutoff : -cutoff));
    }

    private static long pow(long base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) r *= base;
        return r;
    }

    @Override
    public String name() {
        return "asha";
    }
}
