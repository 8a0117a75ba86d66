package dev.lstmtuner.result;

/** Life cycle of a trial. COMPLETE, PRUNED and FAILED are final: a finished trial is never updated again. */
public enum TrialState {
    WAITING, RUNNING, COMPLETE, PRUNED, FAILED;

    public boolean isFinished() {
        return this == COMPLETE || this == PRUNED || this == FAILED;
    }
}
