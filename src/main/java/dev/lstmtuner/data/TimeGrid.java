package dev.lstmtuner.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the time column of parsed rows: ascending, no duplicates, one regular interval (the most common positive
 * step), every time on the grid. Steps that are whole multiples of the interval are gaps, recorded, not errors.
 */
final class TimeGrid {
    private TimeGrid() {
    }

    record Result(long intervalMs, List<CsvRow> rows, List<Series.Gap> gaps) {
    }

    /** Problems go to {@code errors}; the result is only meaningful when none were found. */
    static Result check(List<CsvRow> rows, String timeColumn, InputErrors errors) {
        List<CsvRow> ordered = new ArrayList<>(rows.size());
        for (CsvRow r : rows) {
            if (ordered.isEmpty()) {
                ordered.add(r);
                continue;
            }
            CsvRow prev = ordered.get(ordered.size() - 1);
            if (r.timeMs() == prev.timeMs()) {
                errors.add(r.line(), timeColumn, r.rawTime(), "duplicates the timestamp on line " + prev.line()
                        + ": each bar must appear once");
            } else if (r.timeMs() < prev.timeMs()) {
                errors.add(r.line(), timeColumn, r.rawTime(), "is earlier than " + Intervals.iso(prev.timeMs())
                        + " on line " + prev.line() + ": rows must be in ascending time order (sort the file)");
            } else {
                ordered.add(r);
            }
        }
        long interval = mostCommonStep(ordered);
        if (interval <= 0) return new Result(0, ordered, List.of());

        List<CsvRow> kept = new ArrayList<>(ordered.size());
        List<Series.Gap> gaps = new ArrayList<>();
        for (CsvRow r : ordered) {
            if (kept.isEmpty()) {
                kept.add(r);
                continue;
            }
            CsvRow prev = kept.get(kept.size() - 1);
            long step = r.timeMs() - prev.timeMs();
            if (step % interval != 0) {
                errors.add(r.line(), timeColumn, r.rawTime(), "is " + Intervals.human(step) + " after the bar on line "
                        + prev.line() + ", not a whole multiple of the " + Intervals.human(interval)
                        + " interval: every bar must start on the interval grid");
                continue;
            }
            if (step > interval) {
                gaps.add(new Series.Gap(kept.size() - 1, prev.timeMs(), r.timeMs(), step / interval - 1));
            }
            kept.add(r);
        }
        return new Result(interval, kept, gaps);
    }

    /** The most common positive step between consecutive rows; ties go to the smaller step. 0 if none. */
    private static long mostCommonStep(List<CsvRow> ordered) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 1; i < ordered.size(); i++) {
            counts.merge(ordered.get(i).timeMs() - ordered.get(i - 1).timeMs(), 1, Integer::sum);
        }
        long best = 0;
        int bestCount = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }
}
