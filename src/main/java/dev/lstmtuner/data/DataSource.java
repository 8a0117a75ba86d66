package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.DateRange;

import java.nio.file.Path;
import java.util.Objects;

/** The one entry point for run data: a CSV path or the bundled Bitstamp minutes, cut and gap-checked. */
public final class DataSource {
    private DataSource() {
    }

    /**
     * @param pathOrNull CSV file; null = {@link BundledData}
     * @param maxRows    keep only the last n rows (null = all); the gap policy judges what is kept
     */
    public static LoadedData load(String pathOrNull, GapPolicy policy, Integer maxRows) {
        return load(pathOrNull, policy, maxRows, DateRange.ALL);
    }

    /**
     * @param range keep only bars opening inside it (applied before {@code maxRows}); the fingerprint covers only
     *              what is kept, so a different range is different data
     */
    public static LoadedData load(String pathOrNull, GapPolicy policy, Integer maxRows, DateRange range) {
        Objects.requireNonNull(policy, "policy");
        if (maxRows != null && maxRows < 2) {
            throw new BadInputException("max_rows must be at least 2 (or left out for all rows), got " + maxRows);
        }
        Series s = pathOrNull == null ? BundledData.series() : CsvLoader.load(Path.of(pathOrNull));
        if (!range.isAll()) s = inRange(s, range);
        if (maxRows != null) s = SeriesTail.of(s, maxRows);
        DataReport report = DataReport.of(s);
        if (policy == GapPolicy.FAIL && report.gapCount() > 0) {
            throw new BadInputException(s.source() + " has " + report.gapCount() + " gap"
                    + (report.gapCount() == 1 ? "" : "s") + " in its " + report.interval() + " time grid ("
                    + report.missingBars() + " missing bar" + (report.missingBars() == 1 ? "" : "s")
                    + " in all; largest " + report.largestGapText() + "): set \"gap_policy\": \"skip-windows\""
                    + " to keep the data and skip windows that cross a gap, or fill the missing bars in the file");
        }
        return new LoadedData(s, report);
    }

    private static Series inRange(Series s, DateRange range) {
        int from = 0;
        while (from < s.size() && !range.contains(s.timeMs()[from])) from++;
        int to = from;
        while (to < s.size() && range.contains(s.timeMs()[to])) to++;
        if (to - from < 2) {
            throw new BadInputException(s.source() + ": \"from\"/\"to\" keep " + (to - from) + " row"
                    + (to - from == 1 ? "" : "s") + "; the file covers " + (s.size() == 0 ? "nothing"
                    : Intervals.iso(s.timeMs()[0]) + " .. " + Intervals.iso(s.timeMs()[s.size() - 1]))
                    + ": pick dates inside that span or leave them out");
        }
        return SeriesTail.slice(s, from, to);
    }
}
