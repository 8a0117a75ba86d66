package dev.lstmtuner.store;

/**
 * A write to a trial that is no longer RUNNING: it finished, or it was reclaimed as lost (its worker was paused or
 * cut off past the stale limit) and a copy re-queued. The worker drops it; nothing it writes lands on the trial.
 */
public class TrialLostException extends IllegalStateException {
    public TrialLostException(String message) {
        super(message);
    }
}
