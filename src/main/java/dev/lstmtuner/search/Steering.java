package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;

/**
 * Steering a running campaign from outside it (the CLI, the leaderboard): pause it and let it go on, cancel one of
 * its trials. Each is one store write that the campaign's processes see on their own: workers stop claiming a
 * paused campaign's trials (running ones finish), and the worker of a cancelled trial stops it at its next epoch,
 * batch or heartbeat. A cancelled trial is CANCELLED, never FAILED: it does not count toward
 * max_consecutive_failures.
 */
public final class Steering {
    private Steering() {
    }

    /** Cancels a WAITING or RUNNING trial, recording who asked; a finished trial is refused with its state. */
    public static Trial cancel(Store store, Trial trial, String by) {
        if (trial.state().isFinished()) {
            throw new BadInputException("trial " + trial.label() + " is " + trial.state()
                    + " already: only a waiting or running trial can be cancelled");
        }
        if (!store.cancelTrial(trial.id(), "cancelled by " + by)) {
            Trial now = store.trial(trial.id()).orElse(trial);
            throw new BadInputException("trial " + trial.label() + " finished (" + now.state()
                    + ") before it could be cancelled");
        }
        return store.trial(trial.id()).orElseThrow();
    }

    /** Pauses or continues the campaign; a campaign that is over is refused, as is one already so. */
    public static String pause(Store store, String campaign, boolean paused) {
        var c = store.campaign(campaign).orElseThrow(() -> new BadInputException(
                "no campaign named \"" + campaign + "\"; list them with `lstm-tuner campaigns`"));
        if (c.endedAt() != null) {
            throw new BadInputException("campaign " + campaign + " ended (" + c.endReason() + "): "
                    + (paused ? "there is nothing to pause" : "continue it with `lstm-tuner search --resume " + campaign + "`"));
        }
        if (!store.pauseCampaign(campaign, paused)) {
            return "campaign " + campaign + " is " + (paused ? "paused" : "not paused") + " already";
        }
        long running = store.countByState(campaign).get(TrialState.RUNNING);
        return paused ? "campaign " + campaign + " paused: its workers claim no new trials; " + running
                + " running trial(s) finish; go on with `lstm-tuner continue " + campaign + "`"
                : "campaign " + campaign + " continues: its workers claim trials again";
    }

    /** Whether the store says the trial was cancelled (what a worker asks when its trial was taken from it). */
    static boolean isCancelled(TrialHandle handle) {
        try {
            return handle.snapshot().state() == TrialState.CANCELLED;
        } catch (RuntimeException storeGone) {
            return false;
        }
    }
}
