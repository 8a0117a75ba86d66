package dev.lstmtuner.search.pruner;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.PastTrial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Optuna's MedianPruner: prunes a trial whose best value so far is worse than the median of the values other
 * finished trials (COMPLETE or PRUNED) reported at the same epoch; a trial whose values so far are all NaN is pruned.
 * Silent until {@code startupTrials} trials are COMPLETE and during the first {@code warmupEpochs} epochs; it judges
 * first at epoch warmup + 1, then every {@code intervalEpochs} epochs (Optuna's steps count from 0: step s is
 * epoch s + 1, judged when s >= warmup and (s - warmup) % interval == 0). Running trials do not count: their curves
 * are still moving, and a pruner that wants them is {@link AshaPruner}. Nor do trials that trained at another
 * fidelity up to the epoch judged.
 */
public final class MedianPruner implements Pruner {
    private final int startupTrials;
    private final int warmupEpochs;
    private final int intervalEpochs;

    public MedianPruner(int startupTrials, int warmupEpochs, int intervalEpochs) {
        if (startupTrials < 0 || warmupEpochs < 0 || intervalEpochs < 1) {
            throw new BadInputException("median pruner: startup_trials and warmup_epochs must be >= 0 and interval_epochs >= 1, got "
                    + startupTrials + ", " + warmupEpochs + ", " + intervalEpochs);
        }
        this.startupTrials = startupTrials;
        this.warmupEpochs = warmupEpochs;
        this.intervalEpochs = intervalEpochs;
    }

    /** Whether epoch e (1-based) is a judging epoch. */
    public boolean judgesAt(int epoch) {
        int step = epoch - 1;
        return step >= warmupEpochs && (step - warmupEpochs) % intervalEpochs == 0;
    }

    @Override
    public Decision shouldPrune(int trialNumber, double[] curve, double[] fidelity, List<PastTrial> others,
                                Direction direction) {
        int epoch = curve.length;
        if (epoch == 0 || !judgesAt(epoch)) return Decision.CONTINUE;
        long complete = others.stream().filter(t -> t.number() != trialNumber && t.isComplete()).count();
        if (complete == 0 || complete < startupTrials) return Decision.CONTINUE;
        double best = Curves.bestUpTo(curve, epoch, direction);
        if (Double.isNaN(best)) return Decision.prune("the objective is NaN at every epoch up to " + epoch);
        List<Double> values = new ArrayList<>();
        for (PastTrial t : others) {
            boolean finished = t.isComplete() || t.state() == TrialState.PRUNED;
            if (finished && t.number() != trialNumber && t.epochsReported() >= epoch && !Double.isNaN(t.valueAt(epoch))
                    && Curves.sameFidelity(fidelity, t, epoch)) {
                values.add(t.valueAt(epoch));
            }
        }
        if (values.isEmpty()) return Decision.CONTINUE;
        double median = median(values);
        if (direction.isBetter(median, best)) {
            return Decision.prune("objective " + Curves.fmt(best) + " (best up to epoch " + epoch + ") is worse than the median "
                    + Curves.fmt(median) + " of " + values.size() + " finished trials at epoch " + epoch);
        }
        return Decision.CONTINUE;
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    @Override
    public String name() {
        return "median";
    }
}
