package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The trial columns a leaderboard can sort by, with their SQL column and whether larger is better. Sort keys are
 * checked against this list (and the campaign's param names) before any SQL is built.
 */
public enum Metric {
    OBJECTIVE("objective", false, t -> t.objective()),
    NUMBER("number", false, t -> (double) t.number()),
    VAL_RMSE("best_val_rmse", false, m(f -> f.bestValRmse())),
    TEST_MAE("test_mae", false, m(f -> f.model().mae())),
    TEST_RMSE("test_rmse", false, m(f -> f.model().rmse())),
    TEST_MAPE("test_mape", false, m(f -> f.model().mape())),
    TEST_R2("test_r2", true, m(f -> f.model().r2())),
    DIRECTION_ACCURACY("direction_accuracy", true, m(f -> f.model().directionAccuracy())),
    PERSISTENCE_RMSE("persistence_rmse", false, m(f -> f.persistence().rmse())),
    SKILL("skill", true, m(f -> f.skill())),
    PERSISTENCE_P("persistence_p", false, m(f -> f.persistencePValue())),
    PARAMS("params_count", false, m(f -> (double) f.params())),
    EPOCHS("epochs", false, m(f -> (double) f.epochs())),
    BEST_EPOCH("best_epoch", false, m(f -> (double) f.bestEpoch())),
    TRAINING_SECONDS("training_seconds", false, m(f -> f.trainingSeconds()));

    private final String column;
    private final boolean largerIsBetter;
    private final Function<Trial, Double> value;

    Metric(String column, boolean largerIsBetter, Function<Trial, Double> value) {
        this.column = column;
        this.largerIsBetter = largerIsBetter;
        this.value = value;
    }

    /** The name users type ({@code --sort val_rmse}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    String column() {
        return column;
    }

    /** Natural order: best first. OBJECTIVE follows the campaign's direction. */
    boolean descendingByDefault(Direction direction) {
        return this == OBJECTIVE ? direction == Direction.MAXIMIZE : largerIsBetter;
    }

    /** The trial's value for this key; null where it has none (no metrics yet). */
    public Double valueOf(Trial t) {
        return value.apply(t);
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Metric::key).toList();
    }

    private static Function<Trial, Double> m(Function<FinalMetrics, Double> f) {
        return t -> t.metrics() == null ? null : f.apply(t.metrics());
    }
}
