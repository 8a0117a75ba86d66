package dev.lstmtuner.store;

import java.time.Instant;

/** A stored campaign (immutable snapshot). */
public record Campaign(long id, String name, String configJson, String spaceJson, String sampler, String pruner,
                       Integer budget, String objective, Direction direction, Instant createdAt) {
    public CampaignSpec spec() {
        return new CampaignSpec(name, configJson, spaceJson, sampler, pruner, budget, objective, direction);
    }
}
