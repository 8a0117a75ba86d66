package dev.lstmtuner.search;

import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.train.TrialRunner;

import java.util.EnumMap;
import java.util.Map;

/**
 * A finished run's value of every metric that may be one of several objectives, recorded for every trial of every
 * campaign (a few rows each), so any campaign's trials can be compared on any of them: the validation metrics as
 * the search objective reads them (the mean over folds), the size and the training time from the final metrics.
 */
final class ObjectiveValues {
    private ObjectiveValues() {
    }

    static Map<Objective, Double> of(TrialRunner.Outcome run) {
        Map<Objective, Double> out = new EnumMap<>(Objective.class);
        for (Objective o : Objective.values()) {
            if (!Objectives.allowed(o)) continue;
            out.put(o, o.searchable() ? run.objective(o) : o.of(run.metrics()));
        }
        return out;
    }
}
