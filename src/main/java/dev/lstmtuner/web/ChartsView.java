package dev.lstmtuner.web;

import dev.lstmtuner.analysis.ParamImportance;

import java.util.List;
import java.util.Map;

/**
 * Data for the campaign charts, over the trials that pass the table's filters. {@code history}: every finished
 * trial by number: COMPLETE ones with their objective and the best so far, PRUNED ones with the value at their last
 * epoch ({@code lastValue}, {@code prunedEpoch}); thinned past {@link CampaignCharts#MAX_POINTS}, improvements always
 * kept. {@code points}: COMPLETE and PRUNED trials' params and value (objective, or the last value of a pruned one)
 * for the parallel-coordinates and slice plots (same thinning). {@code importance}: see {@link ParamImportance}, from
 * every matching COMPLETE trial; {@code importanceNote} warns when there are too few for it to mean much.
 */
public record ChartsView(String campaign, String objective, String direction, int complete, boolean thinned,
                         List<HistoryPoint> history, List<ParamAxis> params, List<Point> points,
                         List<ParamImportance.Importance> importance, String importanceMethod, String importanceNote) {

    public record HistoryPoint(int number, long id, String state, Double objective, Double bestSoFar,
                               Double lastValue, Integer prunedEpoch) {
    }

    /** A param axis: numeric with its range (and {@code log} when the space samples it on a log scale), or
     * categorical with its values (as text). */
    public record ParamAxis(String name, boolean numeric, boolean log, Double min, Double max, List<String> categories) {
    }

    public record Point(long id, int number, String state, double value, Map<String, Object> params) {
    }
}
