package dev.lstmtuner.result;

import dev.lstmtuner.config.BadInputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The objectives of a campaign, in order: one for an ordinary campaign, several for a multi-objective one
 * ({@code "objectives": [{"name": "val_rmse"}, {"name": "training_seconds"}]}). The first is the primary: its
 * per-epoch curve is what pruners compare and its value is the trial's {@code objective}. Besides the validation
 * metrics a campaign may also trade off its models' size ({@code params}) and cost ({@code training_seconds}, which
 * is measured wall time, so not reproducible); test-split metrics never, as a search that selected on them would
 * select on the test bars.
 */
public record Objectives(List<Objective> list) {
    /** Metrics that are known without the test split and are not validation curves. */
    private static final Set<Objective> COSTS = Set.of(Objective.PARAMS, Objective.TRAINING_SECONDS);
    /** The validation metric a user who named a test metric probably meant. */
    private static final Map<Objective, Objective> VALIDATION_TWIN = Map.of(Objective.TEST_RMSE, Objective.VAL_RMSE,
            Objective.DIRECTION_ACCURACY, Objective.VAL_DIRECTION_ACCURACY);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One entry of {@code "objectives"} as written: a metric's name and, optionally, its direction. */
    public record Goal(String name, String direction) {
    }

    public Objectives {
        list = List.copyOf(list);
        if (list.isEmpty()) throw new IllegalArgumentException("a campaign has at least one objective");
    }

    public static Objectives single(Objective o) {
        return new Objectives(List.of(o));
    }

    public Objective primary() {
        return list.get(0);
    }

    /** More than one objective: the campaign has a Pareto front rather than one best trial. */
    public boolean multi() {
        return list.size() > 1;
    }

    public boolean contains(Objective o) {
        return list.contains(o);
    }

    public List<Direction> directions() {
        return list.stream().map(Objective::direction).toList();
    }

    public List<String> keys() {
        return list.stream().map(Objective::key).toList();
    }

    /** The metrics {@code "objectives"} accepts. */
    public static List<String> allowedKeys() {
        return Stream.concat(Objective.searchableKeys().stream(), Stream.of(Objective.PARAMS.key(),
                Objective.TRAINING_SECONDS.key())).toList();
    }

    /** A trial metric that may be one of several objectives: a validation metric, the size or the training time. */
    public static boolean allowed(Objective o) {
        return o.searchable() || COSTS.contains(o);
    }

    /**
     * An experiment's {@code "objectives"}: each name known, allowed and given once, its direction (when written)
     * the metric's own, and the first a validation metric (pruners follow its curve). Refusals name
     * {@code source} and the entry.
     */
    public static Objectives parse(List<Goal> goals, String source) {
        if (goals == null || goals.isEmpty()) {
            throw new BadInputException(source + ": \"objectives\" must list at least one objective, like [{\"name\":"
                    + " \"val_rmse\"}, {\"name\": \"training_seconds\"}]");
        }
        List<Objective> out = new ArrayList<>();
        Set<Objective> seen = new HashSet<>();
        for (int i = 0; i < goals.size(); i++) {
            String at = source + ": \"objectives[" + i + "]\"";
            Goal g = goals.get(i);
            if (g == null || g.name() == null || g.name().isBlank()) {
                throw new BadInputException(at + " needs a \"name\": one of " + String.join(", ", allowedKeys()));
            }
            Objective o = Objective.byKey(g.name()).orElseThrow(() -> new BadInputException(at + ": unknown objective \""
                    + g.name() + "\"; use one of " + String.join(", ", allowedKeys())));
            if (!allowed(o)) {
                Objective twin = VALIDATION_TWIN.get(o);
                throw new BadInputException(at + ": \"" + g.name() + "\" is a test-split metric, and selection never"
                        + " sees the test bars: " + (twin != null ? "use \"" + twin.key() + "\" (the validation split's)"
                        : "use one of " + String.join(", ", allowedKeys())));
            }
            if (!seen.add(o)) throw new BadInputException(at + ": \"" + o.key() + "\" is listed twice; list each objective once");
            if (g.direction() != null) o.direction(Direction.parse(g.direction(), at + ".direction"), at);
            out.add(o);
        }
        if (!out.get(0).searchable()) {
            throw new BadInputException(source + ": the first of \"objectives\" is the primary one, whose per-epoch"
                    + " curve the pruner compares, so it must be a validation metric (" + String.join(", ",
                    Objective.searchableKeys()) + "); move \"" + out.get(0).key() + "\" after it");
        }
        return new Objectives(out);
    }

    /**
     * The objectives of a stored campaign, read from its resolved experiment ({@code settingsJson}, which the
     * experiment's checks passed when it was created); a campaign without {@code "objectives"} has its one.
     */
    public static Objectives ofSettings(String settingsJson, Objective objective) {
        if (settingsJson == null || settingsJson.isBlank()) return single(objective);
        try {
            JsonNode list = JSON.readTree(settingsJson).get("objectives");
            if (list == null || !list.isArray() || list.isEmpty()) return single(objective);
            List<Objective> out = new ArrayList<>();
            for (JsonNode g : list) out.add(Objective.stored(g.path("name").asText()));
            return new Objectives(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored campaign's experiment is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
