package dev.lstmtuner.web;

import java.util.List;
import java.util.Map;

/**
 * Data for the campaign charts. {@code history}: every finished trial's objective by number with the best so far
 * (thinned past {@link CampaignCharts#MAX_POINTS}, improvements always kept); {@code points}: COMPLETE trials' params
 * and objective for the parallel-coordinates and slice plots (same thinning); {@code importance}: see
 * {@link ParamImportance}, computed from every COMPLETE trial.
 */
public record ChartsView(String campaign, String objective, String direction, int complete, boolean thinned,
                         List<HistoryPoint> history, List<ParamAxis> params, List<Point> points,
                         List<ParamImportance.Importance> importance, String importanceMethod) {

    public record HistoryPoint(int number, long id, String state, Double objective, Double bestSoFar) {
    }

    /** A param axis: numeric with its range, or categorical with its values (as text). */
    public record ParamAxis(String name, boolean numeric, Double min, Double max, List<String> categories) {
    }

    public record Point(long id, int number, double objective, Map<String, Object> params) {
    }
}
