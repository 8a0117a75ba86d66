package dev.lstmtuner.store;

import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.Objective;

import java.util.Map;

/**
 * The single live handle of a RUNNING trial, held by the worker that claimed it. Each call checks that the trial is
 * still RUNNING: once it finished (or was reclaimed as lost) every call throws {@link IllegalStateException}.
 */
public interface TrialHandle {
    long trialId();

    int number();

    String campaign();

    /**
     * Records one epoch and refreshes the heartbeat. While the store's server is unreachable the epoch is kept in
     * memory and written with the next one that gets through (or before the trial finishes), so training goes on.
     */
    void reportEpoch(EpochMetrics epoch);

    /** True while reported epochs wait in memory for the store to come back (pruners then wait too). */
    default boolean behind() {
        return false;
    }

    /** Tells the store this worker is alive (written with the store's clock). */
    void heartbeat();

    void recordProvenance(Provenance provenance);

    void addArtifact(Artifact artifact);

    /** Records the run's value of each objective-capable metric; called once, just before {@link #complete}. */
    void recordObjectives(Map<Objective, Double> values);

    /** Finishes as COMPLETE with final metrics and the objective value. */
    void complete(FinalMetrics metrics, double objective);

    /** Finishes as PRUNED at {@code epoch}; its epoch curve stays for samplers. */
    void prune(int epoch, String reason);

    /** Finishes as FAILED with a reason and stack trace (may be null). */
    void fail(String reason, String stack);

    /**
     * The worker is stopping (Ctrl-C, SIGTERM, wall-time budget): finishes as FAILED with the reason and enqueues a
     * WAITING copy (same params, {@code requeuedFrom} set), so the work is not lost.
     */
    void interrupt(String reason);

    /** The trial as stored now. */
    Trial snapshot();

    /**
     * The trial as its claim left it: what does not change while it runs (params, number, what it confirms),
     * without asking the store again (a JDBC claim reads the row in the statement that claims it).
     */
    default Trial claimed() {
        return snapshot();
    }

    /** Records every epoch of a training run (never stops it; combine with pruners via EpochListener.all). */
    default EpochListener epochListener() {
        return m -> {
            reportEpoch(m);
            return EpochListener.Verdict.CONTINUE;
        };
    }
}
