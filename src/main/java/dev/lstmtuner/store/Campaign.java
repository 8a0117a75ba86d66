package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;

import java.time.Instant;

/**
 * A stored campaign (immutable snapshot); {@code endedAt} and {@code endReason} are set once it is over;
 * {@code pausedAt} while it is paused (its workers claim no trials then, docs/steering.md).
 */
public record Campaign(long id, String name, String configJson, String spaceJson, String sampler, String pruner,
                       Integer budget, Objective objective, Direction direction, Instant createdAt,
                       String settingsJson, String groupName, Instant endedAt, String endReason, Instant pausedAt) {
    /** A campaign that is not paused. */
    public Campaign(long id, String name, String configJson, String spaceJson, String sampler, String pruner,
                    Integer budget, Objective objective, Direction direction, Instant createdAt,
                    String settingsJson, String groupName, Instant endedAt, String endReason) {
        this(id, name, configJson, spaceJson, sampler, pruner, budget, objective, direction, createdAt, settingsJson,
                groupName, endedAt, endReason, null);
    }

    public boolean paused() {
        return pausedAt != null;
    }

    public CampaignSpec spec() {
        return new CampaignSpec(name, configJson, spaceJson, sampler, pruner, budget, objective, direction,
                settingsJson, groupName);
    }
}
