package dev.lstmtuner.search.plan;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.store.Campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An A/B plan ({@code "plan": {"baseline": {…}, "variants": {"bigger model": {"units": [256, 128, 64]}}, "seeds": 5}}):
 * the tutorial's "change one thing at a time", run as a campaign. The baseline arm is the experiment's config with
 * {@code baseline}'s keys laid over; each variant is the baseline with its own keys laid over. Every arm runs once per
 * seed, with the same seeds (the base config's seed, + 1, + 2, …), so arms can be compared seed by seed.
 *
 * @param arms the baseline first, then the variants in the file's order; each with the config keys it overrides
 */
public record AbPlan(List<Arm> arms, int seeds) {
    public static final String BASELINE = "baseline";
    public static final int MAX_SEEDS = 100;
    private static final Set<String> KEYS = Set.of(BASELINE, "variants", "seeds");

    /**
     * One arm: its name, the run-config keys it sets (the baseline's included, for a variant) and its change
     * against the baseline (the variant's own keys; empty for the baseline), in the file's order.
     */
    public record Arm(String name, Map<String, Object> overrides, Map<String, Object> change) {
        public Arm {
            overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
            change = Collections.unmodifiableMap(new LinkedHashMap<>(change));
        }

        /** "units [256, 128, 64], dropout 0.3", or "the default config" for an arm that changes nothing. */
        public String changeText() {
            if (change.isEmpty()) return overrides.isEmpty() ? "the default config" : "the baseline";
            StringBuilder sb = new StringBuilder();
            change.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
            return sb.toString();
        }
    }

    public Arm baseline() {
        return arms.get(0);
    }

    /** The seeds every arm runs with, in order. */
    public List<Long> seedValues(RunConfig base) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < seeds; i++) out.add(base.seed() + i);
        return out;
    }

    /** The config of {@code arm}'s run with {@code seed}. */
    public static RunConfig config(RunConfig base, Arm arm, long seed, String source) {
        Map<String, Object> o = new LinkedHashMap<>(arm.overrides());
        o.put("seed", seed);
        return ConfigLoader.withOverrides(base, o, source);
    }

    /** The campaign's plan, read from the experiment it stores; empty for a campaign that is a search. */
    public static Optional<AbPlan> of(Campaign c) {
        if (c.settingsJson() == null) return Optional.empty();
        try {
            JsonNode plan = ConfigLoader.mapper().readTree(c.settingsJson()).get("plan");
            if (plan == null || plan.isNull()) return Optional.empty();
            return Optional.of(parse(plan, ConfigLoader.parse(c.configJson(), "campaign " + c.name()),
                    "campaign " + c.name()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The plan as the experiment file gives it; every bad key is refused by name. */
    public static AbPlan parse(JsonNode node, RunConfig base, String source) {
        String at = source + ": \"plan";
        if (!node.isObject()) {
            throw new BadInputException(at + "\" must be an object like {\"baseline\": {}, \"variants\": {\"bigger"
                    + " model\": {\"units\": [256, 128, 64]}}, \"seeds\": 3}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new BadInputException(at + "\" has an unknown key \"" + k + "\"; allowed: baseline, variants, seeds");
            }
        }
        JsonNode seedsNode = node.get("seeds");
        if (seedsNode == null || !seedsNode.canConvertToInt() || !seedsNode.isIntegralNumber()
                || seedsNode.asInt() < 2 || seedsNode.asInt() > MAX_SEEDS) {
            throw new BadInputException(at + ".seeds\" must be a whole number from 2 to " + MAX_SEEDS + " (arms are"
                    + " compared seed by seed, which needs at least 2 seeds), got " + seedsNode);
        }
        Map<String, Object> baseline = overrides(node.get(BASELINE), at + "." + BASELINE + "\"");
        JsonNode variants = node.get("variants");
        if (variants == null || !variants.isObject() || variants.isEmpty()) {
            throw new BadInputException(at + ".variants\" must name at least one variant, like {\"bigger model\":"
                    + " {\"units\": [256, 128, 64]}}");
        }
        List<Arm> arms = new ArrayList<>();
        arms.add(new Arm(BASELINE, baseline, Map.of()));
        for (Iterator<Map.Entry<String, JsonNode>> it = variants.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> v = it.next();
            String name = v.getKey().strip();
            if (name.isEmpty() || name.equalsIgnoreCase(BASELINE) || name.length() > 80) {
                throw new BadInputException(at + ".variants\": \"" + v.getKey() + "\" cannot name a variant (1 to 80"
                        + " characters, not \"baseline\")");
            }
            Map<String, Object> change = overrides(v.getValue(), at + ".variants." + name + "\"");
            Map<String, Object> o = new LinkedHashMap<>(baseline);
            o.putAll(change);
            arms.add(new Arm(name, o, change));
        }
        AbPlan plan = new AbPlan(List.copyOf(arms), seedsNode.asInt());
        plan.check(base, source);
        return plan;
    }

    /** Each arm's config must load, and no two arms may be the same config (their comparison would be empty). */
    private void check(RunConfig base, String source) {
        List<RunConfig> seen = new ArrayList<>();
        for (Arm a : arms) {
            String where = source + ": \"plan\" arm \"" + a.name() + "\"";
            RunConfig c = config(base, a, base.seed(), where);
            int same = seen.indexOf(c);
            if (same >= 0) {
                throw new BadInputException(where + " is the same config as arm \"" + arms.get(same).name()
                        + "\": change at least one key");
            }
            seen.add(c);
        }
    }

    private static Map<String, Object> overrides(JsonNode node, String at) {
        if (node == null) return Map.of();
        if (!node.isObject()) throw new BadInputException(at + " must be an object of run-config keys, like {\"dropout\": 0.3}");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!ConfigLoader.accepts(key)) {
                throw new BadInputException(at + ": \"" + key + "\" is not a run-config key; known keys: "
                        + ConfigLoader.knownKeys());
            }
            if (key.equals("seed")) {
                throw new BadInputException(at + ": \"seed\" is the plan's: every arm runs with the same seeds"
                        + " (set \"seeds\", and the first seed in \"config\")");
            }
            out.put(key, ConfigLoader.mapper().convertValue(e.getValue(), Object.class));
        }
        return out;
    }

    /** The plan as the experiment file writes it (what a campaign stores). */
    public ObjectNode toJson() {
        ObjectNode n = ConfigLoader.mapper().createObjectNode();
        ObjectNode variants = n.objectNode();
        n.set(BASELINE, ConfigLoader.mapper().valueToTree(baseline().overrides()));
        for (Arm a : arms.subList(1, arms.size())) variants.set(a.name(), ConfigLoader.mapper().valueToTree(a.change()));
        n.set("variants", variants);
        n.put("seeds", seeds);
        return n;
    }
}
