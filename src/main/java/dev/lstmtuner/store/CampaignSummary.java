package dev.lstmtuner.store;

import dev.lstmtuner.result.TrialState;

import java.util.Map;

/** A campaign with its trial counts by state and its best trial (null when none is COMPLETE). */
public record CampaignSummary(Campaign campaign, Map<TrialState, Long> counts, Trial best) {
    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
