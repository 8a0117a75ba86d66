package dev.lstmtuner.web;

import dev.lstmtuner.analysis.PairwiseDm;

import java.util.List;

/**
 * Two to four trials side by side, the reference first ({@code order} says why it is first): params (each row says
 * whether the values differ), metrics with deltas against the reference, and Diebold–Mariano tests of the reference
 * against each other trial ({@link PairwiseDm}); {@code multipleComparisons} explains the correction when several
 * pairs are tested.
 */
public record CompareView(List<TrialRow> trials, List<ParamRow> params, List<MetricRow> metrics, List<PairwiseDm.Row> dm,
                          String order, String multipleComparisons) {

    public record ParamRow(String name, List<Object> values, boolean differs) {
    }

    /**
     * {@code better}: "lower" or "higher" is better, null for rows that are not forecast quality (size, cost);
     * {@code bestIndex}: the one trial strictly best on it (null on ties and undirected rows).
     */
    public record MetricRow(String key, List<Double> values, List<Double> deltas, String better, Integer bestIndex) {
    }
}
