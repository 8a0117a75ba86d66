package dev.lstmtuner.web;

import java.util.List;

/**
 * Two to four trials side by side, the reference first ({@code order} says why it is first): params (each row says
 * whether the values differ), metrics with deltas against the reference, and Diebold–Mariano tests of the reference
 * against each other trial; {@code multipleComparisons} explains the correction when several pairs are tested.
 */
public record CompareView(List<TrialRow> trials, List<ParamRow> params, List<MetricRow> metrics, List<DmRow> dm,
                          String order, String multipleComparisons) {

    public record ParamRow(String name, List<Object> values, boolean differs) {
    }

    /**
     * {@code better}: "lower" or "higher" is better, null for rows that are not forecast quality (size, cost);
     * {@code bestIndex}: the one trial strictly best on it (null on ties and undirected rows).
     */
    public record MetricRow(String key, List<Double> values, List<Double> deltas, String better, Integer bestIndex) {
    }

    /**
     * The test of trial {@code a} against trial {@code b} on their shared test windows ({@code n} of
     * {@code windowsA}/{@code windowsB}); {@code pAdjusted} is Holm-corrected when several pairs are tested (else the
     * raw p-value); {@code error} says why it could not run (the trials forecast different things, or lack
     * predictions), then the other fields are null; {@code betterId} is null when neither is better.
     */
    public record DmRow(long a, long b, String aLabel, String bLabel, Double statistic, Double pValue, Double pAdjusted,
                        Integer n, Integer windowsA, Integer windowsB, Integer horizon, Long betterId,
                        Boolean significant, String verdict, String error) {
    }
}
