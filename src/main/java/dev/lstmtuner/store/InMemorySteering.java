package dev.lstmtuner.store;

import dev.lstmtuner.result.TrialState;

/** {@link InMemoryStore}'s steering writes (as {@link JdbcSteering}'s); the caller holds the store's lock. */
final class InMemorySteering {
    private InMemorySteering() {
    }

    static boolean pause(InMemoryStore store, Campaign c, boolean paused) {
        if (c.paused() == paused) return false;
        store.campaigns.put(c.name(), new Campaign(c.id(), c.name(), c.configJson(), c.spaceJson(), c.sampler(),
                c.pruner(), c.budget(), c.objective(), c.direction(), c.createdAt(), c.settingsJson(), c.groupName(),
                c.endedAt(), c.endReason(), paused ? store.clock.instant() : null));
        return true;
    }

    static boolean cancel(InMemoryStore store, long trialId, String reason) {
        InMemoryStore.Row r = store.trials.get(trialId);
        if (r == null || r.state.isFinished()) return false;
        r.failureReason = reason;
        store.finish(r, TrialState.CANCELLED);
        return true;
    }

    static void changeSettings(InMemoryStore store, Campaign c, String settingsJson, Integer budget) {
        store.campaigns.put(c.name(), new Campaign(c.id(), c.name(), c.configJson(), c.spaceJson(), c.sampler(),
                c.pruner(), budget, c.objective(), c.direction(), c.createdAt(), settingsJson, c.groupName(),
                c.endedAt(), c.endReason(), c.pausedAt()));
    }
}
