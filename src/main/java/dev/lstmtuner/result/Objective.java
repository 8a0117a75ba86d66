package dev.lstmtuner.result;

import dev.lstmtuner.config.BadInputException;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Every metric a trial is ranked by, with its one spelling ({@link #key}: {@code val_rmse}, {@code params}), the
 * old spellings still accepted on input ({@code best_val_rmse}, {@code params_count}), its direction, and how it
 * is read from a trial's metrics. The validation-split metrics ({@link #searchable}) can be a campaign's search
 * objective; they are also read per fold (the objective is their mean over folds) and per epoch (the curve that
 * samplers and pruners compare). Test-split metrics are for the final evaluation only: a search that selected on
 * them would select on the test data.
 */
public enum Objective {
    VAL_RMSE("val_rmse", List.of("best_val_rmse"), Direction.MINIMIZE, FinalMetrics::bestValRmse,
            FoldMetrics::bestValRmse, EpochMetrics::valRmse),
    VAL_LOSS("val_loss", List.of("best_val_loss"), Direction.MINIMIZE, f -> meanOverFolds(f, FoldMetrics::bestValLoss),
            FoldMetrics::bestValLoss, EpochMetrics::valLoss),
    VAL_DIRECTION_ACCURACY("val_direction_accuracy", List.of(), Direction.MAXIMIZE,
            f -> meanOverFolds(f, Objective::valDirection), Objective::valDirection, EpochMetrics::valDirectionAccuracy),
    TEST_MAE("test_mae", Direction.MINIMIZE, f -> f.model().mae()),
    TEST_RMSE("test_rmse", Direction.MINIMIZE, f -> f.model().rmse()),
    TEST_MAPE("test_mape", Direction.MINIMIZE, f -> f.model().mape()),
    TEST_R2("test_r2", Direction.MAXIMIZE, f -> f.model().r2()),
    DIRECTION_ACCURACY("direction_accuracy", Direction.MAXIMIZE, f -> f.model().directionAccuracy()),
    PERSISTENCE_RMSE("persistence_rmse", Direction.MINIMIZE, f -> f.persistence().rmse()),
    SKILL("skill", Direction.MAXIMIZE, FinalMetrics::skill),
    PERSISTENCE_P("persistence_p", Direction.MINIMIZE, FinalMetrics::persistencePValue),
    PARAMS("params", List.of("params_count"), Direction.MINIMIZE, f -> (double) f.params(), null, null),
    EPOCHS("epochs", Direction.MINIMIZE, f -> (double) f.epochs()),
    BEST_EPOCH("best_epoch", Direction.MINIMIZE, f -> (double) f.bestEpoch()),
    TRAINING_SECONDS("training_seconds", Direction.MINIMIZE, FinalMetrics::trainingSeconds);

    /** The objective of a campaign that names none: the best validation RMSE in price units. */
    public static final Objective DEFAULT = VAL_RMSE;

    private final String key;
    private final List<String> aliases;
    private final Direction direction;
    private final Function<FinalMetrics, Double> fromMetrics;
    private final ToDoubleFunction<FoldMetrics> fromFold;
    private final ToDoubleFunction<EpochMetrics> fromEpoch;

    Objective(String key, Direction direction, Function<FinalMetrics, Double> fromMetrics) {
        this(key, List.of(), direction, fromMetrics, null, null);
    }

    Objective(String key, List<String> aliases, Direction direction, Function<FinalMetrics, Double> fromMetrics,
              ToDoubleFunction<FoldMetrics> fromFold, ToDoubleFunction<EpochMetrics> fromEpoch) {
        this.key = key;
        this.aliases = aliases;
        this.direction = direction;
        this.fromMetrics = fromMetrics;
        this.fromFold = fromFold;
        this.fromEpoch = fromEpoch;
    }

    /** The one spelling: in the API, {@code --json}, CSV exports, the report and {@code --sort}. */
    @JsonValue
    public String key() {
        return key;
    }

    /** Whether larger or smaller is better. */
    public Direction direction() {
        return direction;
    }

    /** A validation-split metric: one a campaign may search on. */
    public boolean searchable() {
        return fromFold != null;
    }

    /** The trial's value; null where it has none (no metrics yet, or a metric its run did not record). */
    public Double of(FinalMetrics m) {
        return m == null ? null : fromMetrics.apply(m);
    }

    /** The fold's best validation score. Only for a {@link #searchable} objective. */
    public double ofFold(FoldMetrics f) {
        return searchable(fromFold).applyAsDouble(f);
    }

    /** The search objective of a run: the mean over its folds (one fold: the single split's best). */
    public double ofFolds(List<FoldMetrics> folds) {
        ToDoubleFunction<FoldMetrics> f = searchable(fromFold);
        return folds.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** The epoch's value: the curve samplers and pruners compare. Only for a {@link #searchable} objective. */
    public double ofEpoch(EpochMetrics e) {
        return searchable(fromEpoch).applyAsDouble(e);
    }

    @Override
    public String toString() {
        return key;
    }

    /** The metric typed as {@code key}, in its spelling or an old one (any case); empty when there is none. */
    public static Optional<Objective> byKey(String key) {
        if (key == null) return Optional.empty();
        String k = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.key.equals(k) || o.aliases.contains(k)).findFirst();
    }

    /** Every metric's spelling, in column order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Objective::key).toList();
    }

    /** The searchable objectives' spellings. */
    public static List<String> searchableKeys() {
        return Arrays.stream(values()).filter(Objective::searchable).map(Objective::key).toList();
    }

    /**
     * A campaign's search objective as an experiment file (or a stored campaign) names it; null means
     * {@link #DEFAULT}. Refused: an unknown name and a test-split metric, each naming {@code source}.
     */
    public static Objective parse(String name, String source) {
        if (name == null || name.isBlank()) return DEFAULT;
        Objective o = byKey(name).orElseThrow(() -> new BadInputException(source + ": unknown objective \"" + name
                + "\"; use one of " + String.join(", ", searchableKeys())));
        if (!o.searchable()) {
            throw new BadInputException(source + ": objective \"" + name + "\" is a test-split metric; a search must"
                    + " select on the validation split: use one of " + String.join(", ", searchableKeys())
                    + " (test metrics are for the final evaluation only)");
        }
        return o;
    }

    /** A stored campaign's objective, any known metric in any spelling (null: the default). */
    public static Objective stored(String name) {
        if (name == null || name.isBlank()) return DEFAULT;
        return byKey(name).orElseThrow(() -> new IllegalStateException("a campaign is stored with objective \""
                + name + "\", which this version of lstm-tuner does not know: open the store with the version that"
                + " wrote it"));
    }

    /**
     * The direction a campaign runs in: the objective's own. A {@code given} direction that contradicts it is
     * refused (maximising val_rmse would pick the worst trial); null means "the objective's".
     */
    public Direction direction(Direction given, String source) {
        if (given != null && given != direction) {
            throw new BadInputException(source + ": \"direction\" is " + given.label() + " but objective \"" + key
                    + "\" is " + direction.label() + "d; leave \"direction\" out or write \"" + direction.label() + "\"");
        }
        return direction;
    }

    private <T> T searchable(T reader) {
        if (reader == null) {
            throw new IllegalStateException(key + " is not a validation-split objective; use one of "
                    + String.join(", ", searchableKeys()));
        }
        return reader;
    }

    private static double valDirection(FoldMetrics f) {
        return f.bestValDirectionAccuracy() == null ? Double.NaN : f.bestValDirectionAccuracy();
    }

    private static Double meanOverFolds(FinalMetrics m, ToDoubleFunction<FoldMetrics> f) {
        return m.folds().isEmpty() ? null : m.folds().stream().mapToDouble(f).average().orElseThrow();
    }
}
