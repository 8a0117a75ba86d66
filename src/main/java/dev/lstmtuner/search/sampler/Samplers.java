package dev.lstmtuner.search.sampler;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.Options;
import dev.lstmtuner.result.Direction;

import java.util.List;
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
                o.allow("n_startup", "gamma", "candidates", "cheap_startup", "cost_aware");
                yield new TpeSampler(o.integer("n_startup", 10), o.number("gamma", 0.25),
                        o.integer("candidates", 24), o.integer("cheap_startup", 3), o.flag("cost_aware", false),
                        direction);
            }
            case "nsga2" -> nsga2(o, List.of(direction));
            default -> throw new BadInputException("unknown sampler \"" + name + "\"; use grid, random, genetic, tpe or nsga2");
        };
        return s;
    }

    /**
     * The sampler of a campaign with these objectives' directions: {@link #byName} for one; for several, NSGA-II,
     * random or grid (which ignore the objectives); TPE and the genetic sampler rank on one objective, so refused.
     */
    public static Sampler forObjectives(String name, Map<String, Object> options, List<Direction> directions) {
        if (directions.size() == 1) return byName(name, options, directions.get(0));
        String n = name == null ? "" : name.trim().toLowerCase();
        if (n.equals("nsga2")) return nsga2(new Options("sampler \"nsga2\"", options), directions);
        if (n.equals("tpe") || n.equals("genetic")) {
            throw new BadInputException("sampler \"" + name + "\" ranks trials on one objective, but the experiment has "
                    + directions.size() + " \"objectives\": use \"nsga2\" (or random, grid), or give one \"objective\"");
        }
        return byName(name, options, directions.get(0));
    }

    private static Sampler nsga2(Options o, List<Direction> directions) {
        o.allow("population", "mutation_prob", "crossover_prob", "swapping_prob");
        return new NsgaIISampler(o.integer("population", 20), o.values().containsKey("mutation_prob") ? (Double) o.number("mutation_prob", 0) : null,
                o.number("crossover_prob", 0.9), o.number("swapping_prob", 0.5), directions);
    }
}
