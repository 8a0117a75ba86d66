package dev.lstmtuner.search;

import dev.lstmtuner.result.TrialState;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What samplers and pruners may know about another trial of the same campaign: its sampled params (search-space
 * names, not config keys), its state, its final objective (null until COMPLETE) and its per-epoch objective values
 * so far ({@code intermediate[e - 1]} is epoch e's value; may be empty, never null). In a multi-objective campaign
 * {@code values} holds a COMPLETE trial's value of each objective in the campaign's order (empty otherwise).
 * {@code warm}: a finished trial of the campaign this one warm-started from ({@link WarmTrials}; its number is its
 * own campaign's), never one of this campaign's trials. {@code fidelity[e - 1]} and {@code epochMillis[e - 1]}: the
 * share of the training windows epoch e trained on and its wall time (NaN where unknown; an epoch with no recorded
 * fidelity trained on all the windows), so pruners compare like with like and samplers learn what an epoch costs.
 */
public record PastTrial(int number, Map<String, Object> params, TrialState state, Double objective,
                        double[] intermediate, double[] values, boolean warm, double[] fidelity, double[] epochMillis) {
    /** A trial of this campaign with its objective values. */
    public PastTrial(int number, Map<String, Object> params, TrialState state, Double objective, double[] intermediate,
                     double[] values) {
        this(number, params, state, objective, intermediate, values, false);
    }

    /** Every epoch on all the training windows, wall times unknown. */
    public PastTrial(int number, Map<String, Object> params, TrialState state, Double objective, double[] intermediate,
                     double[] values, boolean warm) {
        this(number, params, state, objective, intermediate, values, warm, null, null);
    }

    public PastTrial {
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
        intermediate = intermediate == null ? new double[0] : intermediate.clone();
        values = values == null ? new double[0] : values.clone();
        fidelity = fidelity == null ? new double[0] : fidelity.clone();
        epochMillis = epochMillis == null ? new double[0] : epochMillis.clone();
    }

    /** A trial of a single-objective campaign (or one whose objective values are not known yet). */
    public PastTrial(int number, Map<String, Object> params, TrialState state, Double objective, double[] intermediate) {
        this(number, params, state, objective, intermediate, null);
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

    @Override
    public double[] values() {
        return values.clone();
    }

    public int epochsReported() {
        return intermediate.length;
    }

    /** The value at epoch e (1-based). */
    public double valueAt(int epoch) {
        return intermediate[epoch - 1];
    }

    @Override
    public double[] fidelity() {
        return fidelity.clone();
    }

    @Override
    public double[] epochMillis() {
        return epochMillis.clone();
    }

    /** The share of the training windows epoch e (1-based) trained on: 1 where none was recorded. */
    public double fidelityAt(int epoch) {
        double f = epoch <= fidelity.length ? fidelity[epoch - 1] : Double.NaN;
        return Double.isNaN(f) ? 1.0 : f;
    }

    /** The wall time of epoch e (1-based) in milliseconds; NaN where unknown. */
    public double millisAt(int epoch) {
        return epoch <= epochMillis.length ? epochMillis[epoch - 1] : Double.NaN;
    }
}
