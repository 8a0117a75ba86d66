package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.DateRange;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.Series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the lockbox starts in a series, and the series a trial may read: the bars before the lockbox less a purge of
 * horizon - 1 + embargo bars, so that no target a trial scores overlaps a lockbox target. Trials are handed that
 * shorter series, so no fold, pruner, sampler or view can read a lockbox bar; only the lockbox scoring at the end of
 * a campaign reads the whole series.
 */
public final class Lockbox {
    private Lockbox() {
    }

    /** The index of the first lockbox bar; {@code series.size()} when there is no lockbox. */
    public static int start(Series series, RunConfig.Lockbox lockbox) {
        if (lockbox == null) return series.size();
        int n = series.size();
        int start;
        if (lockbox.fraction() != null) {
            start = n - (int) Math.floor(n * lockbox.fraction());
        } else {
            long from = DateRange.parse(lockbox.from(), null, "lockbox").fromMs();
            int at = Arrays.binarySearch(series.timeMs(), from);
            start = at >= 0 ? at : -at - 1;
        }
        if (start >= n) {
            throw new BadInputException(series.source() + ": the lockbox " + describe(lockbox) + " holds no bar (the"
                    + " data ends " + Instant.ofEpochMilli(series.timeMs()[n - 1]) + "); move \"lockbox.from\""
                    + " earlier or use \"fraction\"");
        }
        if (start < n / 2) {
            throw new BadInputException(series.source() + ": the lockbox " + describe(lockbox) + " holds " + (n - start)
                    + " of " + n + " bars, more than half; move \"lockbox.from\" later or use a smaller fraction");
        }
        return start;
    }

    public static String describe(RunConfig.Lockbox lockbox) {
        return lockbox.fraction() != null ? "(the last " + lockbox.fraction() + " of the bars)"
                : "(from " + lockbox.from() + ")";
    }

    /** The bars a trial may read: [0, lockboxStart - purge). */
    public static Series trialBars(Series series, int lockboxStart, int purge) {
        int end = lockboxStart - purge;
        if (end >= series.size()) return series;
        return head(series, end);
    }

    /** The first {@code end} bars. */
    private static Series head(Series s, int end) {
        List<Series.Gap> gaps = new ArrayList<>();
        for (Series.Gap g : s.gaps()) if (g.beforeIndex() + 1 < end) gaps.add(g);
        return new Series(s.source(), s.intervalMs(), Arrays.copyOf(s.timeMs(), end), Arrays.copyOf(s.open(), end),
                Arrays.copyOf(s.high(), end), Arrays.copyOf(s.low(), end), Arrays.copyOf(s.close(), end),
                Arrays.copyOf(s.volume(), end), List.copyOf(gaps));
    }
}
