package dev.lstmtuner.report;

import dev.lstmtuner.store.Metric;
import dev.lstmtuner.store.Trial;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metric columns of the report's tables: key, heading, and which way is better. */
final class Columns {
    record Column(Metric metric, String heading, boolean higherBetter) {
    }

    static final List<Column> METRICS = List.of(
            new Column(Metric.VAL_RMSE, "val RMSE", false),
            new Column(Metric.TEST_MAE, "MAE", false),
            new Column(Metric.TEST_RMSE, "RMSE", false),
            new Column(Metric.TEST_MAPE, "MAPE %", false),
            new Column(Metric.TEST_R2, "R²", true),
            new Column(Metric.DIRECTION_ACCURACY, "direction", true),
            new Column(Metric.PERSISTENCE_RMSE, "persistence RMSE", false),
            new Column(Metric.SKILL, "skill", true),
            new Column(Metric.PERSISTENCE_P, "DM p vs persistence", false),
            new Column(Metric.EPOCHS, "epochs", false),
            new Column(Metric.TRAINING_SECONDS, "training s", false));

    private Columns() {
    }

    /** The trial's value for every column (null where it has none), keyed by metric key. */
    static Map<String, Double> values(Trial t) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Column c : METRICS) {
            Double v = c.metric().valueOf(t);
            out.put(c.metric().key(), v == null || !Double.isFinite(v) ? null : v);
        }
        return out;
    }
}
