package dev.lstmtuner.search.pruner;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.Options;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a pruner from an experiment file's {@code "pruner": {"type": ..., options}}. */
public final class Pruners {
    private Pruners() {
    }

    public static Pruner byName(String name, Map<String, Object> options) {
        Options o = new Options("pruner \"" + name + "\"", options);
        if (o.values().containsKey("metric")) {
            throw new BadInputException("pruner \"" + name + "\": option \"metric\" is not supported: a pruner judges the"
                    + " curve of the campaign's objective (val_rmse or val_loss, set by \"objective\"); remove \"metric\"");
        }
        return switch (name == null ? "none" : name.trim().toLowerCase()) {
            case "none" -> {
                o.allow();
                yield new NoPruner();
            }
            case "median" -> {
                o.allow("startup_trials", "warmup_epochs", "interval_epochs");
                yield new MedianPruner(o.integer("startup_trials", 5), o.integer("warmup_epochs", 5),
                        o.integer("interval_epochs", 1));
            }
            case "asha", "successive_halving", "sha" -> {
                o.allow("min_resource", "reduction_factor", "min_early_stopping_rate", "fidelity", "min_fidelity");
                yield new AshaPruner(o.integer("min_resource", 2), o.integer("reduction_factor", 3),
                        o.integer("min_early_stopping_rate", 0), o.choice("fidelity", "full", AshaPruner.FIDELITIES),
                        o.number("min_fidelity", 0.1));
            }
            case "patient" -> {
                o.allow("patience", "min_delta", "wrapped");
                yield new PatientPruner(wrapped(o), o.integer("patience", 3), o.number("min_delta", 0.0));
            }
            default -> throw new BadInputException("unknown pruner \"" + name + "\"; use none, median, asha or patient");
        };
    }

    /** The patient pruner's {@code "wrapped": {"type": "median", ...}}; none = prune on stalling alone. */
    private static Pruner wrapped(Options o) {
        Object w = o.values().get("wrapped");
        if (w == null) return null;
        if (w instanceof String s) return byName(s, Map.of());
        if (!(w instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)) {
            throw new BadInputException(o.owner() + ": option \"wrapped\" must be a pruner like {\"type\": \"median\"}, got " + w);
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!"type".equals(k)) inner.put(String.valueOf(k), v);
        });
        if (type.trim().equalsIgnoreCase("patient")) throw new BadInputException(o.owner() + ": a patient pruner cannot wrap another");
        return byName(type, inner);
    }
}
