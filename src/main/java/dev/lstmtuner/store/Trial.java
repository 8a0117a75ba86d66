package dev.lstmtuner.store;

import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.TrialState;

import java.time.Instant;
import java.util.Map;

/**
 * A stored trial (immutable snapshot). {@code number} counts from 1 within its campaign; {@code params} keeps the
 * sampler's order and holds JSON values (Double, Integer/Long, String, Boolean, List). {@code objective} is set only
 * when COMPLETE; {@code metrics} only when the run was evaluated. {@code confirmOf} is the trial whose params this
 * one re-trains with another seed (winner confirmation); null for sampled trials. Times come from the store's clock (for H2, the
 * database's), so workers on different machines agree on heartbeat age.
 */
public record Trial(long id, long campaignId, String campaign, int number, TrialState state,
                    Map<String, Object> params, Double objective, String worker, String device,
                    Instant createdAt, Instant startedAt, Instant finishedAt, Instant heartbeatAt,
                    Integer prunedEpoch, String failureReason, String failureStack, Long requeuedFrom,
                    Long confirmOf, FinalMetrics metrics) {

    /** "campaign/number": how the CLI names a trial. */
    public String label() {
        return campaign + "/" + number;
    }
}
