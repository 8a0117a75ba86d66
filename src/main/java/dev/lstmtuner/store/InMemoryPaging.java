package dev.lstmtuner.store;

import java.util.Comparator;
import java.util.List;

/**
 * Sorting and keyset paging for {@link InMemoryStore}, in the order the SQL indexes have: rank class, then the key
 * (nulls last; for params the number, then the text), then the tie-breaker (trial number for metrics, trial id for
 * params). A trial's order is its {@link TrialPosition}, so "after a position" is a comparison of positions.
 */
final class InMemoryPaging {
    private InMemoryPaging() {
    }

    static TrialPosition position(Trial t, SortKey key) {
        int rank = SortKey.rankClass(t.state());
        if (key.column() != null) return new TrialPosition(rank, key.column().valueOf(t), null, t.number());
        Object v = t.params().get(key.param());
        return new TrialPosition(rank, ParamsJson.numeric(v), ParamsJson.text(v), t.id());
    }

    static Comparator<TrialPosition> order(SortKey key) {
        Comparator<Double> d = key.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<String> s = key.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparingInt(TrialPosition::rankClass)
                .thenComparing(TrialPosition::value, Comparator.nullsLast(d))
                .thenComparing(TrialPosition::text, Comparator.nullsLast(s))
                .thenComparingLong(TrialPosition::tie);
    }

    /** One page of {@code sorted} (all matching trials, in order) as the query asks for it. */
    static Page<Trial> page(List<Trial> sorted, SortKey key, TrialQuery q) {
        int from;
        if (q.after() == null) {
            from = Math.min(q.offset(), sorted.size());
        } else {
            Comparator<TrialPosition> order = order(key);
            from = 0;
            while (from < sorted.size() && order.compare(position(sorted.get(from), key), q.after()) <= 0) from++;
        }
        int to = Math.min(from + q.limit(), sorted.size());
        TrialPosition next = to < sorted.size() ? position(sorted.get(to - 1), key) : null;
        return new Page<>(List.copyOf(sorted.subList(from, to)), sorted.size(), q.offset(), q.limit(), next);
    }
}
