package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.CampaignNames;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.FeatureBuilder;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.Objectives;
import dev.lstmtuner.search.space.SearchSpace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an experiment file: Jackson binds it to {@link ExperimentFile} (unknown keys and wrong types refused by
 * name), then its values are checked and resolved here. {@code config} and {@code space} are either inline objects or paths (relative to the
 * working directory, else to the experiment file's folder). The result is self-contained: {@link #resolvedJson}
 * inlines both, so a campaign stored from it can be resumed or joined by a worker anywhere.
 */
public final class ExperimentLoader {
    private ExperimentLoader() {
    }

    public static Experiment load(Path file) {
        String text = read(file, "experiment file");
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** The experiment with config and space inlined: what a campaign stores. */
    public static String resolvedJson(Experiment e) {
        JsonNode space;
        try {
            space = e.plan() != null ? null : ConfigLoader.mapper().readTree(e.spaceJson());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        LinkedHashMap<String, String> symbols = null;
        if (!e.symbols().isEmpty()) {
            symbols = new LinkedHashMap<>();
            for (Experiment.Symbol sym : e.symbols()) symbols.put(sym.symbol(), sym.data());
        }
        Experiment.Confirm c = e.confirm();
        boolean plan = e.plan() != null; // a plan's sampler, pruner and trial budget follow from it
        return new ExperimentFile(e.name(), e.description(), ConfigLoader.mapper().valueToTree(e.base()), space,
                plan ? null : typeAndOptions(e.sampler(), e.samplerOptions()),
                plan ? null : typeAndOptions(e.pruner(), e.prunerOptions()),
                e.objectives().multi() ? null : e.objective().key(), e.objectives().multi() ? null : e.direction().label(),
                new ExperimentFile.Budget(plan ? null : e.budget().maxTrials(), e.budget().maxMinutes(),
                        e.budget().maxConsecutiveFailures()),
                e.seed(), symbols, e.keepModels(), c == null ? null : new ExperimentFile.Confirm(c.topK(), c.seeds()),
                null, WarmStarts.file(e.warmStart()), e.pooled() == null ? null : true,
                e.pooled() == null ? null : e.pooled().symbolFeature(),
                MultiObjective.goals(e.objectives()), e.plan() == null ? null : e.plan().toJson())
                .write();
    }

    public static Experiment parse(String json, String source, Path baseDir) {
        ExperimentFile f = ExperimentFile.read(json, source);
        CampaignNames.require(f.name(), source + ": \"name\"");
        RunConfig base = config(f.config(), source, baseDir);
        if (f.lockbox() != null) {
            // an experiment-level key: it holds bars out of every trial, so it lives in the config each trial gets
            ObjectNode lockbox = ConfigLoader.mapper().createObjectNode();
            lockbox.set("lockbox", f.lockbox());
            base = ConfigLoader.overlay(base, lockbox, source);
        }
        FeatureBuilder.checkNames(base.features());
        if (f.plan() != null) return PlanExperiments.of(f, base, source);
        String spaceJson;
        String spaceSource;
        JsonNode spaceNode = f.space();
        if (spaceNode == null) throw new BadInputException(source + ": \"space\" is missing: name a file in search-spaces/ or give one inline");
        if (spaceNode.isTextual()) {
            Path p = resolve(spaceNode.asText(), baseDir, source, "space");
            spaceJson = read(p, "search space");
            spaceSource = p.toString();
        } else {
            spaceJson = spaceNode.toPrettyString();
            spaceSource = source + " (space)";
        }
        SearchSpace space = SearchSpace.parse(spaceJson, spaceSource);

        String sampler = "tpe";
        Map<String, Object> samplerOptions = new LinkedHashMap<>();
        Objectives objectives = MultiObjective.objectives(f, source);
        if (objectives.multi()) sampler = MultiObjective.DEFAULT_SAMPLER;
        if (f.sampler() != null) sampler = typeAndOptions(f.sampler(), samplerOptions, source, "sampler");
        // the default prunes from the first trial: ASHA compares partial curves of running trials too
        String pruner = "asha";
        Map<String, Object> prunerOptions = new LinkedHashMap<>();
        if (f.pruner() != null) pruner = typeAndOptions(f.pruner(), prunerOptions, source, "pruner");

        // a test-split metric as the objective would let the search select on the test data: parse refuses it
        Objective objective = f.objectives() != null ? objectives.primary()
                : Objective.parse(f.objective(), source + ": \"objective\"");
        Direction direction = direction(f, objective, source);
        Budget budget = budget(f.budget(), source);
        long seed = f.seed() != null ? f.seed() : 42L;
        List<Experiment.Symbol> symbols = symbols(f, source);
        return new Experiment(f.name(), f.description(), base, space, spaceJson, sampler, samplerOptions, pruner,
                prunerOptions, objective, direction, budget, seed, symbols, keepModels(f, source),
                confirm(f.confirm(), source), WarmStarts.parse(f.warmStart(), source),
                PooledCampaign.pooled(f.pooled(), f.symbolFeature(), symbols, source),
                objectives.multi() ? objectives : Objectives.single(objective), null);
    }

    static Direction direction(ExperimentFile f, Objective objective, String source) {
        Direction given = switch (f.direction() == null ? "" : f.direction()) {
            case "" -> null;
            case "minimize" -> Direction.MINIMIZE;
            case "maximize" -> Direction.MAXIMIZE;
            default -> throw new BadInputException(source + ": \"direction\" must be minimize or maximize, got \""
                    + f.direction() + "\"");
        };
        return objective.direction(given, source);
    }

    static List<Experiment.Symbol> symbols(ExperimentFile f, String source) {
        List<Experiment.Symbol> symbols = new ArrayList<>();
        if (f.symbols() != null) {
            if (f.symbols().isEmpty()) {
                throw new BadInputException(source + ": \"symbols\" must map each symbol to its data file, like {\"BTCUSDT\": \"data/btcusdt_1h.csv\"}");
            }
            f.symbols().forEach((symbol, data) -> {
                if (data == null) throw new BadInputException(source + ": symbols." + symbol + " must be a file path");
                symbols.add(new Experiment.Symbol(symbol, data));
            });
        }
        return List.copyOf(symbols);
    }

    static Integer keepModels(ExperimentFile f, String source) {
        if (f.keepModels() != null && f.keepModels() < 1) {
            throw new BadInputException(source + ": \"keep_models\" must be at least 1 (leave it out to keep every model)");
        }
        return f.keepModels();
    }

    static RunConfig config(JsonNode node, String source, Path baseDir) {
        if (node == null) return RunConfig.DEFAULTS;
        if (node.isTextual()) return ConfigLoader.load(resolve(node.asText(), baseDir, source, "config"));
        if (node.isObject()) return ConfigLoader.overlay(RunConfig.DEFAULTS, (ObjectNode) node, source + " (config)");
        throw new BadInputException(source + ": \"config\" must be a run config file path or an inline object");
    }

    private static String typeAndOptions(JsonNode node, Map<String, Object> options, String source, String key) {
        if (node.isTextual()) return node.asText();
        if (!node.isObject() || !node.has("type") || !node.get("type").isTextual()) {
            throw new BadInputException(source + ": \"" + key + "\" must be a name or an object with \"type\", like {\"type\": \"median\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("type")) options.put(e.getKey(), ConfigLoader.mapper().convertValue(e.getValue(), Object.class));
        }
        return node.get("type").asText();
    }

    private static ObjectNode typeAndOptions(String type, Map<String, Object> options) {
        ObjectNode n = ConfigLoader.mapper().createObjectNode();
        n.put("type", type);
        options.forEach((k, v) -> n.set(k, ConfigLoader.mapper().valueToTree(v)));
        return n;
    }

    static Budget budget(ExperimentFile.Budget b, String source) {
        if (b == null) return Budget.DEFAULT;
        if (b.maxTrials() != null && b.maxTrials() < 1) throw new BadInputException(source + ": \"budget.max_trials\" must be at least 1");
        if (b.maxMinutes() != null && !(b.maxMinutes() > 0)) {
            throw new BadInputException(source + ": \"budget.max_minutes\" must be a positive number of minutes");
        }
        int maxFailures = b.maxConsecutiveFailures() != null ? b.maxConsecutiveFailures() : 5;
        if (maxFailures < 1) throw new BadInputException(source + ": \"budget.max_consecutive_failures\" must be at least 1");
        if (b.maxTrials() == null && b.maxMinutes() == null) {
            throw new BadInputException(source + ": \"budget\" needs max_trials or max_minutes, or the search never ends");
        }
        return new Budget(b.maxTrials(), b.maxMinutes(), maxFailures);
    }

    private static Experiment.Confirm confirm(ExperimentFile.Confirm c, String source) {
        if (c == null) return null;
        int topK = c.topK() != null ? c.topK() : 5;
        int seeds = c.seeds() != null ? c.seeds() : 3;
        if (topK < 1 || topK > 100) {
            throw new BadInputException(source + ": \"confirm.top_k\" must be between 1 and 100, got " + topK);
        }
        if (seeds < 1 || seeds > 100) {
            throw new BadInputException(source + ": \"confirm.seeds\" must be between 1 and 100 (extra seeds per"
                    + " trial), got " + seeds);
        }
        return new Experiment.Confirm(topK, seeds);
    }

    private static Path resolve(String path, Path baseDir, String source, String key) {
        Path p = Path.of(path);
        if (Files.exists(p)) return p;
        if (baseDir != null && Files.exists(baseDir.resolve(path))) return baseDir.resolve(path).normalize();
        throw new BadInputException(source + ": \"" + key + "\" names " + path + ", which does not exist (looked in the working directory"
                + (baseDir != null ? " and in " + baseDir : "") + ")");
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read " + what + ": " + e.getMessage());
        }
    }
}
