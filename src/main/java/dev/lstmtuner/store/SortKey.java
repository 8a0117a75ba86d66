package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.TrialState;

import java.util.Collection;

/** A sort key checked against the whitelist: exactly one of {@code metric} or {@code param} is set. */
record SortKey(Metric metric, String param, boolean descending) {

    static SortKey resolve(TrialQuery q, Campaign c, Collection<String> paramNames) {
        String key = q.sort() == null || q.sort().isBlank() ? Metric.OBJECTIVE.key() : q.sort().trim();
        if (key.equals(c.objective())) key = Metric.OBJECTIVE.key();
        var metric = Metric.byKey(key);
        if (metric.isPresent()) {
            boolean desc = q.descending() != null ? q.descending() : metric.get().descendingByDefault(c.direction());
            return new SortKey(metric.get(), null, desc);
        }
        if (paramNames.contains(key)) return new SortKey(null, key, Boolean.TRUE.equals(q.descending()));
        throw new BadInputException("cannot sort campaign '" + c.name() + "' by '" + key + "': use one of "
                + String.join(", ", Metric.keys()) + (paramNames.isEmpty() ? "" : " or a param: "
                + String.join(", ", paramNames)));
    }

    /** COMPLETE first, then PRUNED, FAILED, RUNNING, WAITING. */
    static int rankClass(TrialState s) {
        return switch (s) {
            case COMPLETE -> 0;
            case PRUNED -> 1;
            case FAILED -> 2;
            case RUNNING -> 3;
            case WAITING -> 4;
        };
    }
}
