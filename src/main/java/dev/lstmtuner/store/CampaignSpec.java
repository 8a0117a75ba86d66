package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;

import java.util.Objects;

/**
 * What a new campaign searches: its unique name, the base run config (data and features) and search space as JSON,
 * the sampler and pruner names, the trial budget (null = unbounded), and the objective with its direction.
 * {@code settingsJson} is the whole resolved experiment (options, budget, seed) so any worker can rebuild it;
 * {@code groupName} ties the campaigns of one multi-symbol experiment together (null for a lone campaign).
 */
public record CampaignSpec(String name, String configJson, String spaceJson, String sampler, String pruner,
                           Integer budget, Objective objective, Direction direction, String settingsJson,
                           String groupName) {
    public CampaignSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("campaign name is blank");
        if (objective == null) objective = Objective.DEFAULT;
        if (direction == null) direction = objective.direction();
    }

    /**
     * The objective by name, in any spelling {@link Objective#byKey} accepts (an unknown name is refused; whether a
     * search may select on it is the experiment's check, not the store's).
     */
    public CampaignSpec(String name, String configJson, String spaceJson, String sampler, String pruner, Integer budget,
                        String objective, Direction direction, String settingsJson, String groupName) {
        this(name, configJson, spaceJson, sampler, pruner, budget, Objective.stored(objective),
                direction, settingsJson, groupName);
    }

    /** A one-trial campaign, as {@code train} records each run. */
    public static CampaignSpec single(String name, String configJson) {
        return new CampaignSpec(name, configJson, null, "none", "none", 1, Objective.DEFAULT, Objective.DEFAULT.direction(),
                null, null);
    }
}
