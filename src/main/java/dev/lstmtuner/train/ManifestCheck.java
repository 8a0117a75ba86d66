package dev.lstmtuner.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a model folder against the SHA-256 sums in its optional {@code manifest.json}
 * ({@code {"files": {"model.zip": "<sha256>", ...}}}, written by export-model), so that a model whose files were
 * changed or swapped after export is refused instead of silently predicting something else.
 */
final class ManifestCheck {
    static final String MANIFEST = "manifest.json";

    private ManifestCheck() {
    }

    /** Does nothing when the folder has no manifest. */
    static void verify(Path dir) {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.exists(manifest)) return;
        JsonNode files;
        try {
            files = ConfigLoader.mapper().readTree(Files.readString(manifest)).get("files");
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(manifest + ": cannot read the manifest (" + e.getMessage()
                    + "); export the trial again");
        }
        if (files == null || !files.isObject()) {
            throw new BadInputException(manifest + ": expected {\"files\": {\"model.zip\": \"<sha256>\", ...}}; "
                    + "export the trial again");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            Path file = dir.resolve(name).normalize();
            if (!file.getParent().equals(dir.normalize()) || !e.getValue().isTextual()) {
                throw new BadInputException(manifest + ": bad entry \"" + name + "\": " + e.getValue()
                        + "; export the trial again");
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(name + ": missing in " + dir + " although the manifest lists it; "
                        + "export the trial again");
            }
            String actual;
            try {
                actual = ModelBundle.sha256(file);
            } catch (IOException ex) {
                throw new BadInputException(name + ": cannot read (" + ex.getMessage() + ")");
            }
            if (!actual.equalsIgnoreCase(e.getValue().asText())) {
                throw new BadInputException(name + ": checksum mismatch: the file changed since export; "
                        + "export the trial again (" + dir + ")");
            }
        }
    }
}
