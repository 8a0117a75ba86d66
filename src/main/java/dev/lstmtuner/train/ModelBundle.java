package dev.lstmtuner.train;

import java.time.Instant;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.FileModes;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.Dataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A trained model as files: the DL4J network ({@code model.zip}), the preprocessing it needs (feature names,
 * fitted scalers, window length, target; {@code preprocessing.json}), the resolved config, and the test-split
 * forecasts ({@code predictions.csv}). Together they let {@code predict} rebuild the model's inputs exactly.
 */
public final class ModelBundle {
    public static final String MODEL = "model.zip";
    public static final String PREPROCESSING = "preprocessing.json";
    public static final String CONFIG = "config.json";
    public static final String PREDICTIONS = "predictions.csv";

    private ModelBundle() {
    }

    /** One written file: its kind, path, SHA-256 and size. */
    public record FileInfo(String kind, Path path, String sha256, long bytes) {
    }

    /** Writes the test-split forecasts only (every completed trial keeps them, for the leaderboard). */
    public static FileInfo writePredictions(Path dir, Evaluator.TestForecast f) {
        try {
            FileModes.createPrivateDirectories(dir);
            Path p = dir.resolve(PREDICTIONS);
            try (Writer w = Files.newBufferedWriter(p)) {
                w.write("time,last_close,predicted,actual\n"); // time: the anchor bar (last known close), ISO-8601 UTC
                for (int i = 0; i < f.predicted().length; i++) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%s,%s%n", Instant.ofEpochMilli(f.timeMs()[i]), f.lastClose()[i],
                            f.predicted()[i], f.actual()[i]));
                }
            }
            return written("predictions", p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write predictions to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the model, its preprocessing, its config and the manifest of their checksums. */
    public static List<FileInfo> writeModel(Path dir, MultiLayerNetwork net, Dataset ds, RunConfig config) {
        return writeModel(dir, Forecaster.of(net), ds, config);
    }

    /** As above for any family: a network as {@code model.zip}, a baseline model as its own file. */
    public static List<FileInfo> writeModel(Path dir, Forecaster forecaster, Dataset ds, RunConfig config) {
        try {
            FileModes.createPrivateDirectories(dir);
            List<FileInfo> files = new ArrayList<>();
            Path model;
            if (forecaster.network() != null) {
                model = dir.resolve(MODEL);
                ModelSerializer.writeModel(forecaster.network(), model.toFile(), false);
            } else {
                model = dir.resolve(forecaster.baseline().fileName());
                forecaster.baseline().write(model);
            }
            files.add(written("model", model));
            Path pre = dir.resolve(PREPROCESSING);
            Files.writeString(pre, preprocessingJson(ds));
            files.add(written("preprocessing", pre));
            Path cfg = dir.resolve(CONFIG);
            Files.writeString(cfg, ConfigLoader.toJson(config));
            files.add(written("config", cfg));
            files.add(ManifestCheck.write(dir, files, ds)); // predict refuses a folder without one
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The network saved in {@code dir} (tests and tools; {@link Predictor} loads the manifest-verified bytes instead). */
    public static MultiLayerNetwork readModel(Path dir) {
        Path model = dir.resolve(MODEL);
        try {
            return readModel(dir, Files.isRegularFile(model) ? Files.readAllBytes(model) : null);
        } catch (IOException e) {
            throw new BadInputException(model + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The network from {@code model.zip}'s verified bytes (see {@link ModelArchive}: only a model's own entries). */
    static MultiLayerNetwork readModel(Path dir, byte[] zip) {
        Path model = dir.resolve(MODEL);
        if (zip == null) {
            throw new BadInputException(model + ": model file missing; export the trial again with `lstm-tuner export-model`");
        }
        return ModelArchive.restore(zip, model.toString());
    }

    static String preprocessingJson(Dataset ds) {
        return Preprocessing.of(ds).toJson();
    }

    /** A file just written, made private to its owner (see {@link FileModes}) before it is recorded. */
    static FileInfo written(String kind, Path p) throws IOException {
        FileModes.restrict(p);
        return info(kind, p);
    }

    public static FileInfo info(String kind, Path p) throws IOException {
        return new FileInfo(kind, p, sha256(p), Files.size(p));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path p) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(p)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) > 0) md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
