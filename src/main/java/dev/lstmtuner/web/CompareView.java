package dev.lstmtuner.web;

import java.util.List;

/**
 * Two to four trials side by side: params (each row says whether the values differ), metrics with deltas against
 * the first trial, and Diebold–Mariano tests of the first trial against each other one.
 */
public record CompareView(List<TrialRow> trials, List<ParamRow> params, List<MetricRow> metrics, List<DmRow> dm) {

    public record ParamRow(String name, List<Object> values, boolean differs) {
    }

    /** {@code better}: "lower" or "higher" is better; {@code bestIndex}: which trial is best on it (null if none). */
    public record MetricRow(String key, List<Double> values, List<Double> deltas, String better, Integer bestIndex) {
    }

    /**
     * The test of trial {@code a} against trial {@code b} on their shared test windows; {@code error} says why it
     * could not run (then the other fields are null), {@code betterId} is null when neither is better.
     */
    public record DmRow(long a, long b, String aLabel, String bLabel, Double statistic, Double pValue, Integer n,
                        Integer horizon, Long betterId, Boolean significant, String verdict, String error) {
    }
}
