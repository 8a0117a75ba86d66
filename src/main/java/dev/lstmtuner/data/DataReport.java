package dev.lstmtuner.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What was loaded, for the user and the run record: size, time range, interval, gaps (the largest, where) and
 * flat zero-volume bars (exchange placeholders, kept as real bars, not gaps).
 *
 * @param largestGap null when there are no gaps
 */
public record DataReport(String source, int rows, long firstTimeMs, long lastTimeMs, long intervalMs, int gapCount,
                         long missingBars, Series.Gap largestGap, int zeroVolumeBars) {

    public static DataReport of(Series s) {
        Series.Gap largest = null;
        long missing = 0;
        for (Series.Gap g : s.gaps()) {
            missing += g.missingBars();
            if (largest == null || g.missingBars() > largest.missingBars()) largest = g;
        }
        int flat = 0;
        for (int i = 0; i < s.size(); i++) if (isFlatZeroVolume(s, i)) flat++;
        int n = s.size();
        return new DataReport(s.source(), n, n == 0 ? 0 : s.timeMs()[0], n == 0 ? 0 : s.timeMs()[n - 1],
                s.intervalMs(), s.gaps().size(), missing, largest, flat);
    }

    /** open = high = low = close and volume 0: a bar the exchange published for a minute/hour without trades. */
    static boolean isFlatZeroVolume(Series s, int i) {
        double c = s.close()[i];
        return s.volume()[i] == 0 && s.open()[i] == c && s.high()[i] == c && s.low()[i] == c;
    }

    public String interval() {
        return Intervals.human(intervalMs);
    }

    /** "1 missing bar after 2023-03-24T12:00:00Z", or "none". */
    public String largestGapText() {
        if (largestGap == null) return "none";
        long m = largestGap.missingBars();
        return m + " missing bar" + (m == 1 ? "" : "s") + " after " + Intervals.iso(largestGap.lastTimeMs());
    }

    /** Human lines for the console and the run log. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("data: " + source);
        out.add("rows: " + rows + " " + interval() + " bars, " + Intervals.iso(firstTimeMs) + " .. "
                + Intervals.iso(lastTimeMs));
        out.add(gapCount == 0 ? "gaps: none"
                : "gaps: " + gapCount + " (largest " + largestGapText() + (gapCount > 1 ? ", " + missingBars
                + " missing bars in all" : "") + "); windows crossing a gap are skipped");
        out.add("zero-volume flat bars: " + zeroVolumeBars + (zeroVolumeBars > 0 ? " (kept: published by the exchange"
                + " for periods without trades)" : ""));
        return out;
    }

    public String describe() {
        return String.join("\n", lines());
    }
}
