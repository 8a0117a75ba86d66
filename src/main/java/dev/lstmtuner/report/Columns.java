package dev.lstmtuner.report;

import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Trial;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metric columns of the report's tables: key, heading, and which way is better. */
final class Columns {
    record Column(Objective metric, String heading, boolean higherBetter) {
    }

    static final List<Column> METRICS = List.of(
            new Column(Objective.VAL_RMSE, "val RMSE", false),
            new Column(Objective.TEST_MAE, "MAE", false),
            new Column(Objective.TEST_RMSE, "RMSE", false),
            new Column(Objective.TEST_MAPE, "MAPE %", false),
            new Column(Objective.TEST_R2, "R²", true),
            new Column(Objective.DIRECTION_ACCURACY, "direction", true),
            new Column(Objective.PERSISTENCE_RMSE, "persistence RMSE", false),
            new Column(Objective.SKILL, "skill", true),
            new Column(Objective.PERSISTENCE_P, "DM p vs persistence", false),
            new Column(Objective.EPOCHS, "epochs", false),
            new Column(Objective.TRAINING_SECONDS, "training s", false));

    private Columns() {
    }

    /** The trial's value for every column (null where it has none), keyed by metric key. */
    static Map<String, Double> values(Trial t) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Column c : METRICS) {
            Double v = c.metric().of(t.metrics());
            out.put(c.metric().key(), v == null || !Double.isFinite(v) ? null : v);
        }
        return out;
    }
}
