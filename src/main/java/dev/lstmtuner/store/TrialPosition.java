package dev.lstmtuner.store;

/**
 * A trial's place in a sorted listing, so the next page can start just after it (keyset paging): its rank class,
 * its sort value (a metric, or a param's number), the param's text for text params, and the tie-breaker (the
 * trial number for metric sorts, the trial id for param sorts: what the indexes end with). {@code value} and
 * {@code text} are null where the trial has none (such trials sort last within their rank class). A position is
 * only meaningful for the sort key, order and state filter of the page it came from.
 */
public record TrialPosition(int rankClass, Double value, String text, long tie) {
    public TrialPosition {
        if (rankClass < 0 || rankClass > 5) throw new IllegalArgumentException("rank class must be 0-5, got " + rankClass);
    }
}
