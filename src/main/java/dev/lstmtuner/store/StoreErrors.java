package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;

/** Messages shared by both stores, so the contract test sees the same errors from each. */
final class StoreErrors {
    static final String WORKER_LOST = "worker lost";

    private StoreErrors() {
    }

    static BadInputException noCampaign(String name) {
        return new BadInputException("no campaign named '" + name + "': run `lstm-tuner campaigns` to list them");
    }

    static BadInputException campaignExists(String name) {
        return new BadInputException("a campaign named '" + name + "' already exists: pick another name");
    }

    static IllegalStateException notRunning(String label, TrialState state) {
        return new IllegalStateException("trial " + label + " is " + state
                + (state.isFinished() ? ": a finished trial is never updated again" : ", not RUNNING"));
    }
}
