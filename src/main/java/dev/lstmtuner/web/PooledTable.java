package dev.lstmtuner.web;

import dev.lstmtuner.analysis.PooledVsOwn;

import java.util.List;

/**
 * The symbols view's "one model for all" vs "one model each": per pooled campaign of the group, each symbol's
 * pooled score beside its best own model's and the paired test ({@link PooledVsOwn}), read from artifacts under
 * the leaderboard's artifact root only.
 */
public final class PooledTable {
    private final LeaderboardService service;

    public PooledTable(LeaderboardService service) {
        this.service = service;
    }

    public List<PooledVsOwn.Comparison> comparisons(String group) {
        String key = "pooled:" + (group == null ? "" : group);
        return service.cache().get(key, () -> PooledVsOwn.of(service.store(), group, service.artifacts()::resolve));
    }
}
