package dev.lstmtuner.analysis;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Trial;

import java.util.List;
import java.util.Optional;

/**
 * What a trial without an objective (pruned, running, failed) had reached: the objective's metric at its last
 * recorded epoch (val_loss when the campaign optimises it; val_rmse, the other metric an epoch records, for an
 * objective that epochs do not record), as the leaderboard and {@code trials} both show it ("297.69 @ ep 2").
 */
public record LastValue(String metric, double value, int epoch) {

    public static Optional<LastValue> of(Trial t, List<EpochMetrics> curve, Objective objective) {
        if (t.objective() != null || curve == null || curve.isEmpty()) return Optional.empty();
        EpochMetrics last = curve.get(curve.size() - 1);
        Objective o = objective != null && objective.searchable() ? objective : Objective.VAL_RMSE;
        double v = o.ofEpoch(last);
        return Double.isFinite(v) ? Optional.of(new LastValue(o.key(), v, last.epoch())) : Optional.empty();
    }
}
