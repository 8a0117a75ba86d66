package dev.lstmtuner.search;

import dev.lstmtuner.result.TrialState;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What samplers and pruners may know about another trial of the same campaign: its sampled params (search-space
 * names, not config keys), its state, its final objective (null until COMPLETE) and its per-epoch objective values
 * so far ({@code intermediate[e - 1]} is epoch e's value; may be empty, never null). {@code warm}: a finished trial
 * of the campaign this one warm-started from ({@link WarmTrials}; its number is its own campaign's), never one of
 * this campaign's trials.
 */
public record PastTrial(int number, Map<String, Object> params, TrialState state, Double objective,
                        double[] intermediate, boolean warm) {
    /** A trial of this campaign. */
    public PastTrial(int number, Map<String, Object> params, TrialState state, Double objective, double[] intermediate) {
        this(number, params, state, objective, intermediate, false);
    }

    public PastTrial {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        intermediate = intermediate == null ? new double[0] : intermediate.clone();
    }

    public boolean isComplete() {
        return state == TrialState.COMPLETE && objective != null && !objective.isNaN();
    }

    /** Sampled but not finished: a sampler must not hand its point out again. */
    public boolean isPending() {
        return state == TrialState.RUNNING || state == TrialState.WAITING;
    }

    @Override
    public double[] intermediate() {
        return intermediate.clone();
    }

    public int epochsReported() {
        return intermediate.length;
    }

    /** The value at epoch e (1-based). */
    public double valueAt(int epoch) {
        return intermediate[epoch - 1];
    }
}
