package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A trial column a leaderboard can sort by: the campaign's objective, the trial number, or a stored
 * {@link Objective} metric, with its SQL column (the store's own spelling: {@code best_val_rmse},
 * {@code params_count}). Sort keys are checked against this list (and the campaign's param names) before any SQL
 * is built; column names come from here, never from the caller.
 */
public record SortColumn(String key, String column, Objective metric, boolean integral) {
    public static final SortColumn OBJECTIVE = new SortColumn("objective", "objective", null, false);
    public static final SortColumn NUMBER = new SortColumn("number", "number", null, true);

    private static final List<SortColumn> ALL = List.of(OBJECTIVE, NUMBER,
            of(Objective.VAL_RMSE, "best_val_rmse", false),
            of(Objective.TEST_MAE, "test_mae", false),
            of(Objective.TEST_RMSE, "test_rmse", false),
            of(Objective.TEST_MAPE, "test_mape", false),
            of(Objective.TEST_R2, "test_r2", false),
            of(Objective.DIRECTION_ACCURACY, "direction_accuracy", false),
            of(Objective.PERSISTENCE_RMSE, "persistence_rmse", false),
            of(Objective.SKILL, "skill", false),
            of(Objective.PERSISTENCE_P, "persistence_p", false),
            of(Objective.PARAMS, "params_count", true),
            of(Objective.EPOCHS, "epochs", true),
            of(Objective.BEST_EPOCH, "best_epoch", true),
            of(Objective.TRAINING_SECONDS, "training_seconds", false));

    private static SortColumn of(Objective metric, String column, boolean integral) {
        return new SortColumn(metric.key(), column, metric, integral);
    }

    /** Every column's key, in column order. */
    public static List<String> keys() {
        return ALL.stream().map(SortColumn::key).toList();
    }

    /** Every column. */
    public static List<SortColumn> all() {
        return ALL;
    }

    /** The column typed as {@code key}: its spelling or an old one ({@code best_val_rmse}, {@code params_count}). */
    public static Optional<SortColumn> byKey(String key) {
        if (key == null) return Optional.empty();
        String k = key.trim().toLowerCase(Locale.ROOT);
        Optional<SortColumn> trialColumn = ALL.stream().filter(s -> s.metric == null && s.key.equals(k)).findFirst();
        if (trialColumn.isPresent()) return trialColumn;
        return Objective.byKey(k).flatMap(o -> ALL.stream().filter(s -> s.metric == o).findFirst());
    }

    /** Natural order: best first. The objective column follows the campaign's direction. */
    boolean descendingByDefault(Direction campaignDirection) {
        if (this.equals(OBJECTIVE)) return campaignDirection == Direction.MAXIMIZE;
        return metric != null && metric.direction() == Direction.MAXIMIZE;
    }

    /** The trial's value in this column; null where it has none (no metrics yet). */
    public Double valueOf(Trial t) {
        if (this.equals(OBJECTIVE)) return t.objective();
        if (this.equals(NUMBER)) return (double) t.number();
        return metric.of(t.metrics());
    }

    static List<String> keysWith(List<String> paramNames) {
        List<String> keys = new ArrayList<>(keys());
        keys.addAll(paramNames);
        return keys;
    }
}
