package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.Options;
import dev.lstmtuner.result.Direction;

import java.util.Map;

/** Builds a sampler from an experiment file's {@code "sampler": {"name": ..., options}}. */
public final class Samplers {
    private Samplers() {
    }

    /** Options may include "direction" (minimize by default) besides the sampler's own. */
    public static Sampler byName(String name, Map<String, Object> options) {
        Object d = options == null ? null : options.get("direction");
        return byName(name, options, d == null ? Direction.MINIMIZE : Direction.parse(d.toString(), "sampler options"));
    }

    public static Sampler byName(String name, Map<String, Object> options, Direction direction) {
        Options o = new Options("sampler \"" + name + "\"", options);
        Sampler s = switch (name == null ? "" : name.trim().toLowerCase()) {
            case "grid" -> {
                o.allow("points");
                yield new GridSampler(o.integer("points", 5));
            }
            case "random" -> {
                o.allow();
                yield new RandomSampler();
            }
            case "genetic" -> {
                o.allow("population", "mutation_rate", "crossover_rate");
                yield new GeneticSampler(o.integer("population", 10), o.number("mutation_rate", 0.1),
                        o.number("crossover_rate", 0.85), direction);
            }
            case "tpe" -> {
                o.allow("n_startup", "gamma", "candidates", "cheap_startup");
                yield new TpeSampler(o.integer("n_startup", 10), o.number("gamma", 0.25),
                        o.integer("candidates", 24), o.integer("cheap_startup", 3), direction);
            }
            default -> throw new BadInputException("unknown sampler \"" + name + "\"; use grid, random, genetic or tpe");
        };
        return s;
    }
}
