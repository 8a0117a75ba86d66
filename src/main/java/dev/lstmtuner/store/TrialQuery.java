package dev.lstmtuner.store;

import dev.lstmtuner.result.TrialState;

/**
 * A page of a campaign's trials: sorted by {@code sort} (a {@link Metric} key or one of the campaign's param names;
 * null = the objective), best first unless {@code descending} says otherwise, optionally only one state.
 * Whatever the sort, COMPLETE trials come before PRUNED, then FAILED, RUNNING and WAITING ones, so an unfinished or
 * failed trial never outranks a finished one. Sorting by a param lists only the trials that have that param.
 * The page starts either {@code offset} rows in, or just after the row at {@code after} (keyset paging: the cost
 * does not grow with depth, and rows inserted meanwhile neither repeat nor skip rows already listed); not both.
 */
public record TrialQuery(String campaign, String sort, Boolean descending, TrialState state, int limit, int offset,
                         TrialPosition after) {
    public TrialQuery {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        if (offset < 0) throw new IllegalArgumentException("offset must be at least 0, got " + offset);
        if (after != null && offset > 0) {
            throw new IllegalArgumentException("a page starts at an offset or after a position, not both");
        }
    }

    public TrialQuery(String campaign, String sort, Boolean descending, TrialState state, int limit, int offset) {
        this(campaign, sort, descending, state, limit, offset, null);
    }

    public static TrialQuery of(String campaign) {
        return new TrialQuery(campaign, null, null, null, 20, 0, null);
    }

    public TrialQuery sortBy(String key) {
        return new TrialQuery(campaign, key, descending, state, limit, offset, after);
    }

    public TrialQuery descending(Boolean desc) {
        return new TrialQuery(campaign, sort, desc, state, limit, offset, after);
    }

    public TrialQuery state(TrialState s) {
        return new TrialQuery(campaign, sort, descending, s, limit, offset, after);
    }

    /** {@code newLimit} rows from {@code newOffset} (and no longer after a position). */
    public TrialQuery page(int newLimit, int newOffset) {
        return new TrialQuery(campaign, sort, descending, state, newLimit, newOffset, null);
    }

    /** {@code newLimit} rows just after {@code position} (null: from the first row). */
    public TrialQuery after(TrialPosition position, int newLimit) {
        return new TrialQuery(campaign, sort, descending, state, newLimit, 0, position);
    }
}
