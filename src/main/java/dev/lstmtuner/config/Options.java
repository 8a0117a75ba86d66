package dev.lstmtuner.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of a sampler or pruner as an experiment names them ({@code {"type": "asha", "reduction_factor": 3}}),
 * read by name: unknown options and wrong types are refused naming their owner. Shared by the sampler and pruner
 * factories, so neither borrows from the other.
 */
public record Options(String owner, Map<String, Object> values) {
    public Options {
        values = values == null ? Map.of() : values;
    }

    public void allow(String... names) {
        Set<String> ok = new HashSet<>(Set.of(names));
        ok.add("direction");
        ok.add("name");
        for (String k : values.keySet()) {
            if (!ok.contains(k)) {
                throw new BadInputException(owner + ": unknown option \"" + k + "\"; allowed: " + String.join(", ", names));
            }
        }
    }

    public int integer(String key, int fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        throw new BadInputException(owner + ": option \"" + key + "\" must be a whole number, got " + v);
    }

    /** A string option that must be one of {@code allowed}. */
    public String choice(String key, String fallback, List<String> allowed) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof String text && allowed.contains(text.trim().toLowerCase())) return text.trim().toLowerCase();
        throw new BadInputException(owner + ": option \"" + key + "\" must be one of " + allowed + ", got " + v);
    }

    public boolean flag(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        throw new BadInputException(owner + ": option \"" + key + "\" must be true or false, got " + v);
    }

    public double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n) return n.doubleValue();
        throw new BadInputException(owner + ": option \"" + key + "\" must be a number, got " + v);
    }
}
