package dev.lstmtuner.analysis;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.store.Trial;

import java.util.List;
import java.util.Optional;

/**
 * What a trial without an objective (pruned, running, failed) had reached: the objective's metric at its last
 * recorded epoch ({@code val_loss} when the campaign optimises it, else {@code val_rmse}, the one other metric an
 * epoch records), as the leaderboard and {@code trials} both show it ("297.69 @ ep 2").
 */
public record LastValue(String metric, double value, int epoch) {

    public static Optional<LastValue> of(Trial t, List<EpochMetrics> curve, String objective) {
        if (t.objective() != null || curve == null || curve.isEmpty()) return Optional.empty();
        EpochMetrics last = curve.get(curve.size() - 1);
        boolean loss = "val_loss".equals(objective);
        double v = loss ? last.valLoss() : last.valRmse();
        return Double.isFinite(v) ? Optional.of(new LastValue(loss ? "val_loss" : "val_rmse", v, last.epoch()))
                : Optional.empty();
    }
}
