package dev.lstmtuner.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last n bars (or a slice) of a series, with its gaps re-indexed (gaps outside the kept bars are dropped). */
public final class SeriesTail {
    private SeriesTail() {
    }

    public static Series of(Series s, int n) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        if (n >= s.size()) return s;
        return slice(s, s.size() - n, s.size());
    }

    /** Bars from..to-1 (time order), with the gaps between them re-indexed. */
    public static Series slice(Series s, int from, int to) {
        List<Series.Gap> gaps = new ArrayList<>();
        for (Series.Gap g : s.gaps()) {
            if (g.beforeIndex() >= from && g.beforeIndex() + 1 < to) {
                gaps.add(new Series.Gap(g.beforeIndex() - from, g.lastTimeMs(), g.nextTimeMs(), g.missingBars()));
            }
        }
        return new Series(s.source(), s.intervalMs(), Arrays.copyOfRange(s.timeMs(), from, to),
                Arrays.copyOfRange(s.open(), from, to), Arrays.copyOfRange(s.high(), from, to),
                Arrays.copyOfRange(s.low(), from, to), Arrays.copyOfRange(s.close(), from, to),
                Arrays.copyOfRange(s.volume(), from, to), List.copyOf(gaps));
    }
}
