package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;

import java.util.Collection;

/** A sort key checked against the whitelist: exactly one of {@code column} or {@code param} is set. */
record SortKey(SortColumn column, String param, boolean descending) {

    static SortKey resolve(TrialQuery q, Campaign c, Collection<String> paramNames) {
        String key = q.sort() == null || q.sort().isBlank() ? SortColumn.OBJECTIVE.key() : q.sort().trim();
        // the campaign's objective, in any spelling, is the objective column (val_loss has no column of its own)
        if (Objective.byKey(key).filter(o -> o == c.objective()).isPresent()) key = SortColumn.OBJECTIVE.key();
        var column = SortColumn.byKey(key);
        if (column.isPresent()) {
            boolean desc = q.descending() != null ? q.descending() : column.get().descendingByDefault(c.direction());
            return new SortKey(column.get(), null, desc);
        }
        if (paramNames.contains(key)) return new SortKey(null, key, Boolean.TRUE.equals(q.descending()));
        throw new BadInputException("cannot sort campaign '" + c.name() + "' by '" + key + "': use one of "
                + String.join(", ", SortColumn.keys()) + (paramNames.isEmpty() ? "" : " or a param: "
                + String.join(", ", paramNames)));
    }

    /** COMPLETE first, then PRUNED, FAILED, RUNNING, WAITING, CANCELLED (a class of its own, added last). */
    static int rankClass(TrialState s) {
        return switch (s) {
            case COMPLETE -> 0;
            case PRUNED -> 1;
            case FAILED -> 2;
            case RUNNING -> 3;
            case WAITING -> 4;
            case CANCELLED -> 5;
        };
    }
}
