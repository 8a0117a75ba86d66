package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code history_days}: how much history a trial trains on, counted back from the development/test boundary
 * ({@link WalkForward.Plan#devEnd}). Only the training regions start later; the boundary, the validation blocks and
 * the test region are those of the full plan, so trials that differ only in history are scored on the very same
 * test windows (and validated on the same blocks) and their errors can be paired. No bar after a region's end is
 * read: the cut only removes earlier training targets.
 */
public final class TrainingHistory {
    private static final long DAY_MS = 86_400_000L;

    private TrainingHistory() {
    }

    /** The plan with every training region starting at or after {@code days} before the boundary; null = as is. */
    public static WalkForward.Plan cut(WalkForward.Plan plan, long[] timeMs, Integer days) {
        if (days == null) return plan;
        int start = start(timeMs, plan.devEnd(), days);
        List<WalkForward.Fold> folds = new ArrayList<>();
        for (WalkForward.Fold f : plan.folds()) folds.add(cut(f, start, days));
        WalkForward.Fold headline = plan.refits() ? cut(plan.headline(), start, days) : folds.get(0);
        return new WalkForward.Plan(folds, headline, plan.devEnd(), plan.purge());
    }

    private static WalkForward.Fold cut(WalkForward.Fold f, int start, int days) {
        int trainStart = Math.max(f.trainStart(), start);
        if (trainStart >= f.trainEnd()) {
            throw new BadInputException("history_days " + days + " leaves " + f.label() + " no training bars: the"
                    + " history is counted back from the development/test boundary and must reach past the validation"
                    + " region; use more days, or leave history_days out to train on all the history");
        }
        return new WalkForward.Fold(f.number(), f.of(), trainStart, f.trainEnd(), f.valStart(), f.valEnd(),
                f.testStart(), f.testEnd());
    }

    /** The first bar within {@code days} before bar {@code boundary} (0 without a limit). */
    public static int start(long[] timeMs, int boundary, Integer days) {
        if (days == null) return 0;
        return firstAtOrAfter(timeMs, timeMs[Math.min(boundary, timeMs.length - 1)] - days * DAY_MS);
    }

    private static int firstAtOrAfter(long[] timeMs, long t) {
        int lo = 0, hi = timeMs.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeMs[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
