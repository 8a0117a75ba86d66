package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;

import java.util.Objects;

/**
 * What a new campaign searches: its unique name, the base run config (data and features) and search space as JSON,
 * the sampler and pruner names, the trial budget (null = unbounded), and the objective with its direction.
 * {@code settingsJson} is the whole resolved experiment (options, budget, seed) so any worker can rebuild it;
 * {@code groupName} ties the campaigns of one multi-symbol experiment together (null for a lone campaign).
 */
public record CampaignSpec(String name, String configJson, String spaceJson, String sampler, String pruner,
                           Integer budget, String objective, Direction direction, String settingsJson,
                           String groupName) {
    /** The default objective: the best validation RMSE in price units. */
    public static final String DEFAULT_OBJECTIVE = "val_rmse";

    public CampaignSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("campaign name is blank");
        if (objective == null || objective.isBlank()) objective = DEFAULT_OBJECTIVE;
        if (direction == null) direction = Direction.MINIMIZE;
    }

    /** A one-trial campaign, as {@code train} records each run. */
    public static CampaignSpec single(String name, String configJson) {
        return new CampaignSpec(name, configJson, null, "none", "none", 1, DEFAULT_OBJECTIVE, Direction.MINIMIZE,
                null, null);
    }
}
