package dev.lstmtuner.result;

/**
 * Life cycle of a trial. COMPLETE, PRUNED, FAILED and CANCELLED are final: a finished trial is never updated again.
 * CANCELLED is the user's decision (search/Steering), never the trial's failure.
 */
public enum TrialState {
    WAITING, RUNNING, COMPLETE, PRUNED, FAILED, CANCELLED;

    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAILED || this == CANCELLED;
    }
}
