package dev.lstmtuner.web;

import dev.lstmtuner.result.EpochMetrics;

import java.util.List;

/**
 * Reads a learning curve: the best epoch (lowest validation loss) and whether the run overfit, i.e. validation loss
 * rose while training loss fell for {@code k} consecutive epochs.
 */
public final class Overfitting {
    /** Default run length that counts as overfitting. */
    public static final int DEFAULT_K = 3;

    private Overfitting() {
    }

    /**
     * {@code bestEpoch} is null for an empty curve; {@code fromEpoch} is the first epoch of the first qualifying
     * run (null when not flagged).
     */
    public record Verdict(Integer bestEpoch, boolean overfitting, Integer fromEpoch, int k) {
    }

    public static Verdict analyze(List<EpochMetrics> epochs, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        Integer best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (EpochMetrics e : epochs) {
            if (e.valLoss() < bestLoss) {
                bestLoss = e.valLoss();
                best = e.epoch();
            }
        }
        int run = 0;
        for (int i = 1; i < epochs.size(); i++) {
            EpochMetrics prev = epochs.get(i - 1), cur = epochs.get(i);
            boolean diverging = cur.valLoss() > prev.valLoss() && cur.trainLoss() < prev.trainLoss();
            run = diverging ? run + 1 : 0;
            if (run == k) return new Verdict(best, true, epochs.get(i - k + 1).epoch(), k);
        }
        return new Verdict(best, false, null, k);
    }
}
