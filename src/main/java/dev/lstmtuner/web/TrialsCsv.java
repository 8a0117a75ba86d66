package dev.lstmtuner.web;

import dev.lstmtuner.data.CsvCell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leaderboard's filtered, sorted rows as CSV (RFC 4180 quoting): number, state, objective, the verdict against
 * persistence, the last value of unfinished trials, then every param and metric. Text that a spreadsheet would run
 * as a formula (starting with =, +, -, @) is prefixed with an apostrophe.
 */
final class TrialsCsv {
    /** Most rows one download holds. */
    static final int MAX_ROWS = 100_000;

    private TrialsCsv() {
    }

    static String of(TrialPage page) {
        StringBuilder b = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("id", "number", "state", "objective", "verdict", "last_value",
                "last_epoch", "pruned_epoch", "failure_reason"));
        page.params().forEach(head::add);
        List<String> metrics = page.items().isEmpty() ? page.metrics()
                : List.copyOf(page.items().get(0).metrics().keySet());
        head.addAll(metrics);
        line(b, new ArrayList<>(head));
        for (TrialRow t : page.items()) {
            List<Object> row = new ArrayList<>(List.of(t.id(), t.number(), t.state()));
            row.add(t.objective());
            row.add(t.verdict());
            row.add(t.lastValue());
            row.add(t.lastEpoch());
            row.add(t.prunedEpoch());
            row.add(t.failureReason());
            for (String p : page.params()) row.add(t.params().get(p));
            Map<String, Double> m = t.metrics();
            for (String k : metrics) row.add(m.get(k));
            line(b, row);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(',');
            b.append(cell(cells.get(i)));
        }
        b.append("\r\n");
    }

    static String cell(Object v) {
        return CsvCell.of(v);
    }
}
