package dev.lstmtuner.search.pruner;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.Direction;
import dev.lstmtuner.search.PastTrial;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Prunes a trial whose best value so far is worse than the median of the other trials' values at the same epoch
 * (as Optuna's MedianPruner). Silent until {@code startupTrials} trials are COMPLETE and during the first
 * {@code warmupEpochs} epochs; after that it judges every {@code intervalEpochs}-th epoch. The other trials are all
 * those, in any state, that have reached this epoch, so parallel running trials count as soon as they get there.
 */
public final class MedianPruner implements Pruner {
    private final int startupTrials;
    private final int warmupEpochs;
    private final int intervalEpochs;
    private final String metric;

    public MedianPruner(int startupTrials, int warmupEpochs, int intervalEpochs) {
        this(startupTrials, warmupEpochs, intervalEpochs, "val_rmse");
    }

    public MedianPruner(int startupTrials, int warmupEpochs, int intervalEpochs, String metric) {
        if (startupTrials < 0 || warmupEpochs < 0 || intervalEpochs < 1) {
            throw new BadInputException("median pruner: startup_trials and warmup_epochs must be >= 0 and interval >= 1, got "
                    + startupTrials + ", " + warmupEpochs + ", " + intervalEpochs);
        }
        this.startupTrials = startupTrials;
        this.warmupEpochs = warmupEpochs;
        this.intervalEpochs = intervalEpochs;
        this.metric = metric;
    }

    @Override
    public Decision shouldPrune(int trialNumber, double[] curve, List<PastTrial> others, Direction direction) {
        int epoch = curve.length;
        if (epoch <= warmupEpochs || (epoch - warmupEpochs) % intervalEpochs != 0) return Decision.CONTINUE;
        long complete = others.stream().filter(t -> t.number() != trialNumber && t.isComplete()).count();
        if (complete < startupTrials) return Decision.CONTINUE;
        List<Double> values = new ArrayList<>();
        for (PastTrial t : others) {
            if (t.number() != trialNumber && t.epochsReported() >= epoch && !Double.isNaN(t.valueAt(epoch))) {
                values.add(t.valueAt(epoch));
            }
        }
        if (values.isEmpty()) return Decision.CONTINUE;
        double best = Curves.bestUpTo(curve, epoch, direction);
        double median = median(values);
        if (Double.isNaN(best)) return Decision.prune(metric + " is NaN at every epoch up to " + epoch);
        if (direction.isBetter(median, best)) {
            return Decision.prune(metric + " " + Curves.fmt(best) + " (best up to epoch " + epoch + ") is worse than the median "
                    + Curves.fmt(median) + " of " + values.size() + " trials at epoch " + epoch);
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
