package dev.lstmtuner.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.features.Dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A model folder's {@code manifest.json}: {@code {"files": {"model.zip": "<sha256>", ...}, "bar_interval_ms": N}},
 * written beside every saved model and by export-model. {@code predict} refuses a folder without one, or whose
 * manifest leaves out a file the model needs, or whose files changed since: a model is never run on swapped or
 * edited parts. The bar interval of the training data lets predict notice hourly bars fed to a minute model.
 */
public final class ManifestCheck {
    public static final String MANIFEST = "manifest.json";
    /** The files a forecast depends on: each must be listed and match its checksum. */
    static final List<String> REQUIRED = List.of(ModelBundle.PREPROCESSING, ModelBundle.CONFIG);
    /** One of these holds the model: a DL4J network, or a linear / forest model (see dev.lstmtuner.baseline). */
    static final List<String> MODEL_FILES = List.of(ModelBundle.MODEL, "model.json", "model.tribuo");

    private ManifestCheck() {
    }

    /** Largest file a manifest may list: every listed file is read into memory once, hashed, and used from there. */
    static final long MAX_FILE_BYTES = 1L << 30;

    /**
     * What a verified manifest says beyond the checksums ({@code barIntervalMs} is null for older exports), and the
     * bytes of every file it lists: the bytes that were hashed are the bytes that are loaded, so a file swapped
     * between the check and the load is never used.
     */
    public record Manifest(Long barIntervalMs, Map<String, byte[]> files) {
        /** The verified bytes of a listed file; null if the manifest does not list it. */
        public byte[] bytes(String name) {
            return files.get(name);
        }
    }

    /** Writes the manifest for the files just saved; the bar interval is the data's, read off the windows. */
    static ModelBundle.FileInfo write(Path dir, List<ModelBundle.FileInfo> files, Dataset ds) {
        ObjectNode root = ConfigLoader.mapper().createObjectNode();
        ObjectNode sums = root.putObject("files");
        for (ModelBundle.FileInfo f : files) sums.put(f.path().getFileName().toString(), f.sha256());
        long interval = barInterval(ds);
        if (interval > 0) root.put("bar_interval_ms", interval);
        try {
            Path p = dir.resolve(MANIFEST);
            Files.writeString(p, root.toPrettyString() + "\n");
            return ModelBundle.written("manifest", p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The smallest step between consecutive window anchors: the bar interval (a gap only makes a step longer). */
    static long barInterval(Dataset ds) {
        long best = Long.MAX_VALUE;
        for (Dataset.Split s : List.of(ds.train(), ds.val(), ds.test())) {
            long[] t = s.anchorTimeMs();
            for (int i = 1; i < s.n(); i++) {
                long d = t[i] - t[i - 1];
                if (d > 0 && d < best) best = d;
            }
        }
        return best == Long.MAX_VALUE ? -1 : best;
    }

    /** Refuses a folder without a manifest, one that leaves a needed file out, or a file that changed. */
    static Manifest verify(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new BadInputException(manifest + ": missing; without it nothing proves the model's files belong "
                    + "together: export the trial again with `lstm-tuner export-model <campaign>/<number> --out DIR`");
        }
        JsonNode root;
        try {
            root = ConfigLoader.mapper().readTree(Files.readString(manifest));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(manifest + ": cannot read the manifest (" + e.getMessage()
                    + "); export the trial again");
        }
        JsonNode files = root == null ? null : root.get("files");
        if (files == null || !files.isObject()) {
            throw new BadInputException(manifest + ": expected {\"files\": {\"model.zip\": \"<sha256>\", ...}}; "
                    + "export the trial again");
        }
        if (MODEL_FILES.stream().noneMatch(files::has)) {
            throw new BadInputException(manifest + ": does not list " + ModelBundle.MODEL + " (or a linear / forest "
                    + "model file), so its checksum cannot be checked; export the trial again");
        }
        for (String needed : REQUIRED) {
            if (!files.has(needed)) {
                throw new BadInputException(manifest + ": does not list " + needed + ", so its checksum cannot be "
                        + "checked; export the trial again");
            }
        }
        Map<String, byte[]> read = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            Path file = dir.resolve(name).normalize();
            if (file.getParent() == null || !file.getParent().equals(dir.normalize()) || !e.getValue().isTextual()) {
                throw new BadInputException(manifest + ": bad entry \"" + name + "\": " + e.getValue()
                        + "; export the trial again");
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(name + ": missing in " + dir + " although the manifest lists it; "
                        + "export the trial again");
            }
            byte[] bytes;
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    throw new BadInputException(name + ": " + Files.size(file) + " bytes, more than the "
                            + (MAX_FILE_BYTES >> 20) + " MB any saved model file has; export the trial again (" + dir + ")");
                }
                bytes = Files.readAllBytes(file);
            } catch (IOException ex) {
                throw new BadInputException(name + ": cannot read (" + ex.getMessage() + ")");
            }
            if (!ModelBundle.sha256(bytes).equalsIgnoreCase(e.getValue().asText())) {
                throw new BadInputException(name + ": checksum mismatch: the file changed since export; "
                        + "export the trial again (" + dir + ")");
            }
            read.put(name, bytes);
        }
        JsonNode interval = root.get("bar_interval_ms");
        return new Manifest(interval != null && interval.canConvertToLong() && interval.asLong() > 0 ? interval.asLong() : null,
                Map.copyOf(read));
    }
}
