package dev.lstmtuner.search.pruner;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.FidelityStep;
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
 * Only trials that trained at the same fidelity up to the rung compete there.
 * <p>
 * Multi-fidelity ({@code fidelity: recent}): the budget is epochs times training windows. With rungs r = 0..R below
 * max_epochs, the epochs up to rung r < R train on the most recent eta^-(R - r) of the training windows (at least
 * {@code minFidelity}); the epochs after rung R - 1 (those up to the last rung that can prune, and all later ones) on
 * all of them. Pruned trials, most of them, then cost a fraction of their epochs.
 */
public final class AshaPruner implements Pruner {
    /** The {@code fidelity} option's values: every epoch on all windows, or early rungs on the recent ones. */
    public static final List<String> FIDELITIES = List.of("full", "recent");

    private final int minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;
    private final boolean recent;
    private final double minFidelity;

    public AshaPruner(int minResource, int reductionFactor, int minEarlyStoppingRate) {
        this(minResource, reductionFactor, minEarlyStoppingRate, "full", 0.1);
    }

    /**
     * @param fidelity    one of {@link #FIDELITIES}
     * @param minFidelity the smallest share of the training windows an early epoch trains on, in (0, 1]
     */
    public AshaPruner(int minResource, int reductionFactor, int minEarlyStoppingRate, String fidelity,
                      double minFidelity) {
        if (minResource < 1 || reductionFactor < 2 || minEarlyStoppingRate < 0) {
            throw new BadInputException("asha pruner: needs min_resource >= 1, reduction_factor >= 2 and"
                    + " min_early_stopping_rate >= 0, got " + minResource + ", " + reductionFactor + ", " + minEarlyStoppingRate);
        }
        if (!FIDELITIES.contains(fidelity)) {
            throw new BadInputException("asha pruner: option \"fidelity\" must be one of " + FIDELITIES
                    + " (recent = early rungs train on the most recent training windows), got \"" + fidelity + "\"");
        }
        if (!(minFidelity > 0 && minFidelity <= 1)) {
            throw new BadInputException("asha pruner: option \"min_fidelity\" must be in (0, 1] (a share of the training"
                    + " windows, like 0.1), got " + minFidelity);
        }
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.recent = fidelity.equals("recent");
        this.minFidelity = minFidelity;
    }

    @Override
    public List<FidelityStep> fidelitySchedule(int maxEpochs) {
        if (!recent) return null;
        // the rungs that can prune: the last epoch of a run never is
        List<Integer> rungs = new ArrayList<>();
        for (long e = (long) minResource * pow(reductionFactor, minEarlyStoppingRate); e < maxEpochs; e *= reductionFactor) {
            rungs.add((int) e);
        }
        int last = rungs.size() - 1;
        List<FidelityStep> out = new ArrayList<>();
        for (int r = 0; r < last; r++) {
            double f = Math.max(minFidelity, Math.pow(reductionFactor, -(last - r)));
            // a floor reached twice makes one longer step
            if (!out.isEmpty() && out.get(out.size() - 1).fraction() == f) out.remove(out.size() - 1);
            out.add(new FidelityStep(rungs.get(r), f));
        }
        return out.isEmpty() ? null : List.copyOf(out);
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
    public Decision shouldPrune(int trialNumber, double[] curve, double[] fidelity, List<PastTrial> others,
                                Direction direction) {
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
            if (t.number() == trialNumber || t.epochsReported() < epoch || !Curves.sameFidelity(fidelity, t, epoch)) continue;
            double v = Curves.bestUpTo(t.intermediate(), epoch, direction);
            if (!Double.isNaN(v)) competing.add(v);
        }
        List<Double> losses = new ArrayList<>(competing.stream().map(direction::asLoss).sorted().toList());
        int promoted = Math.max(1, competing.size() / reductionFactor);
        double cutoff = losses.get(promoted - 1);
        if (direction.asLoss(mine) <= cutoff) return Decision.CONTINUE;
        return Decision.prune("objective " + Curves.fmt(mine) + " (best up to epoch " + epoch + ") is not in the top 1/"
                + reductionFactor + " (" + promoted + " of " + competing.size() + " trials) at rung " + rung
                + (fidelity[epoch - 1] < 1 ? " (fidelity " + Curves.fmt(fidelity[epoch - 1]) + ")" : "")
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
