package dev.lstmtuner.store;

/**
 * A page of a campaign's trials: sorted by {@code sort} (a {@link Metric} key or one of the campaign's param names;
 * null = the objective), best first unless {@code descending} says otherwise, optionally only one state.
 * Whatever the sort, COMPLETE trials come before PRUNED, then FAILED, RUNNING and WAITING ones, so an unfinished or
 * failed trial never outranks a finished one. Sorting by a param lists only the trials that have that param.
 */
public record TrialQuery(String campaign, String sort, Boolean descending, TrialState state, int limit, int offset) {
    public TrialQuery {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        if (offset < 0) throw new IllegalArgumentException("offset must be at least 0, got " + offset);
    }

    public static TrialQuery of(String campaign) {
        return new TrialQuery(campaign, null, null, null, 20, 0);
    }

    public TrialQuery sortBy(String key) {
        return new TrialQuery(campaign, key, descending, state, limit, offset);
    }

    public TrialQuery descending(Boolean desc) {
        return new TrialQuery(campaign, sort, desc, state, limit, offset);
    }

    public TrialQuery state(TrialState s) {
        return new TrialQuery(campaign, sort, descending, s, limit, offset);
    }

    public TrialQuery page(int newLimit, int newOffset) {
        return new TrialQuery(campaign, sort, descending, state, newLimit, newOffset);
    }
}
