package dev.lstmtuner.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.Dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fits the non-neural families on a dataset's training split and reads them back from a model folder. */
public final class Baselines {
    private Baselines() {
    }

    public static boolean handles(String model) {
        return RunConfig.BASELINES.contains(model);
    }

    /** Fits {@code c.model()} on the training windows only (validation and test windows are never seen). */
    public static BaselineModel fit(RunConfig c, Dataset ds) {
        Dataset.Split train = ds.train();
        int per = ds.features() * ds.timeSteps();
        return switch (c.model()) {
            case "linear" -> RidgeModel.fit(train.x(), train.y(), train.n(), per, c.l2());
            case "forest" -> ForestModel.fit(train.x(), train.y(), train.n(), per, c.trees(), c.maxDepth(), c.seed());
            default -> throw new IllegalArgumentException("not a baseline family: " + c.model());
        };
    }

    /** As below, reading the folder's files (tests and tools; {@code Predictor} passes the manifest-verified bytes). */
    public static Optional<BaselineModel> read(Path dir, int features, int timeSteps) {
        Map<String, byte[]> files = new HashMap<>();
        try {
            for (String name : List.of("model.json", "model.tribuo")) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) files.put(name, Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw corrupt(dir.toString(), "cannot read the saved model (" + e.getMessage() + ")");
        }
        return read(dir, files, features, timeSteps);
    }

    /**
     * The baseline model among a model folder's verified files (name to bytes), if it holds one (for windows of
     * this shape); {@code dir} names the files in errors.
     */
    public static Optional<BaselineModel> read(Path dir, Map<String, byte[]> files, int features, int timeSteps) {
        Path json = dir.resolve("model.json"), forest = dir.resolve("model.tribuo");
        try {
            if (files.containsKey("model.json")) {
                JsonNode n = ConfigLoader.mapper().readTree(files.get("model.json"));
                String family = n == null ? "" : n.path("family").asText();
                return switch (family) {
                    case "linear" -> Optional.of(RidgeModel.fromJson(n, json.toString()));
                    case "forest" -> Optional.of(ForestModel.fromJson(n, json.toString()));
                    default -> throw corrupt(json.toString(), "expected {\"family\": \"linear\" or \"forest\", ...}");
                };
            }
            if (files.containsKey("model.tribuo")) {
                return Optional.of(TribuoForest.read(files.get("model.tribuo"), forest.toString(), features, timeSteps));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) throw b;
            throw corrupt(dir.toString(), "cannot read the saved model (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    static BadInputException corrupt(String source, String what) {
        return new BadInputException(source + ": " + what + "; the file is corrupt or was edited, export the trial again");
    }
}
