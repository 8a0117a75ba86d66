package dev.lstmtuner.search.pruner;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.search.sampler.Samplers;

import java.util.Map;

/** Builds a pruner from an experiment file's {@code "pruner": {"name": ..., options}}. */
public final class Pruners {
    private Pruners() {
    }

    public static Pruner byName(String name, Map<String, Object> options) {
        Samplers.Options o = new Samplers.Options("pruner \"" + name + "\"", options);
        String metric = options != null && options.get("metric") != null ? options.get("metric").toString() : "val_rmse";
        return switch (name == null ? "none" : name.trim().toLowerCase()) {
            case "none" -> {
                o.allow();
                yield new NoPruner();
            }
            case "median" -> {
                o.allow("startup_trials", "warmup_epochs", "interval_epochs", "metric");
                yield new MedianPruner(o.integer("startup_trials", 5), o.integer("warmup_epochs", 5),
                        o.integer("interval_epochs", 1), metric);
            }
            case "asha", "successive_halving", "sha" -> {
                o.allow("min_resource", "reduction_factor", "min_early_stopping_rate", "metric");
                yield new AshaPruner(o.integer("min_resource", 1), o.integer("reduction_factor", 3),
                        o.integer("min_early_stopping_rate", 0), metric);
            }
            default -> throw new BadInputException("unknown pruner \"" + name + "\"; use none, median or asha");
        };
    }
}
