package dev.lstmtuner.web;

import dev.lstmtuner.analysis.Predictions;
import dev.lstmtuner.result.EpochMetrics;

import java.util.List;
import java.util.Locale;

/**
 * The "learned nothing" flag: a COMPLETE trial whose validation loss stayed flat (its best epoch improved on the
 * first by less than {@value #FLAT_IMPROVEMENT} of the first epoch's loss) and whose test forecasts barely move from
 * the last close (their mean absolute move |predicted − last close| is under {@value #STILL_MOVES} of the real mean
 * move |actual − last close|). Such a model is persistence in disguise, whatever its skill's sign.
 */
public final class LearnedNothing {
    /** A best validation loss within this fraction of the first epoch's counts as flat. */
    public static final double FLAT_IMPROVEMENT = 0.05;
    /** Forecasts moving less than this fraction of the real moves count as standing still. */
    public static final double STILL_MOVES = 0.10;

    private LearnedNothing() {
    }

    /**
     * {@code flagged} when both hold; {@code valImprovement} (first − best) / first, and {@code moveRatio}, are null
     * when not measurable (fewer than 2 epochs, no predictions); {@code text} says it in words.
     */
    public record Verdict(boolean flagged, Double valImprovement, Double moveRatio, String text) {
    }

    public static Verdict analyze(List<EpochMetrics> epochs, Predictions predictions) {
        Double improvement = null;
        if (epochs.size() >= 2 && epochs.get(0).valLoss() > 0 && Double.isFinite(epochs.get(0).valLoss())) {
            double first = epochs.get(0).valLoss();
            double best = epochs.stream().mapToDouble(EpochMetrics::valLoss).filter(Double::isFinite).min().orElse(first);
            improvement = (first - best) / first;
        }
        Double ratio = null;
        if (predictions != null && predictions.size() > 0) {
            double model = 0, real = 0;
            int n = 0;
            for (int i = 0; i < predictions.size(); i++) {
                double m = Math.abs(predictions.predicted()[i] - predictions.lastClose()[i]);
                double r = Math.abs(predictions.actual()[i] - predictions.lastClose()[i]);
                if (!Double.isFinite(m) || !Double.isFinite(r)) continue;
                model += m;
                real += r;
                n++;
            }
            if (n > 0 && real > 0) ratio = model / real;
        }
        boolean flat = improvement != null && improvement < FLAT_IMPROVEMENT;
        boolean still = ratio != null && ratio < STILL_MOVES;
        String text;
        if (flat && still) {
            text = String.format(Locale.ROOT, "Learned nothing: validation loss improved only %.1f%% on the first"
                    + " epoch and the forecasts move %.1f%% as much as the price does: this model is persistence in"
                    + " disguise.", 100 * improvement, 100 * ratio);
        } else if (improvement == null || ratio == null) {
            text = "Not enough to judge whether it learned anything (needs 2+ epochs and test predictions).";
        } else {
            text = String.format(Locale.ROOT, "Not flagged as learning nothing: validation loss improved %.1f%% on the"
                    + " first epoch; the forecasts move %.1f%% as much as the price does.", 100 * improvement, 100 * ratio);
        }
        return new Verdict(flat && still, improvement, ratio, text);
    }
}
