package dev.lstmtuner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Versions recorded in every trial's provenance: the tool, its git commit, and the numeric libraries. */
public final class Versions {
    private static final Properties PROPS = new Properties();

    static {
        try (InputStream in = Versions.class.getResourceAsStream("/lstm-tuner-version.properties")) {
            if (in != null) PROPS.load(in);
        } catch (IOException ignored) {
            // versions then read "unknown"; provenance says so rather than failing a run
        }
    }

    private Versions() {
    }

    public static String lstmTuner() {
        return PROPS.getProperty("version", "unknown");
    }

    public static String dl4j() {
        return PROPS.getProperty("dl4j", "unknown");
    }

    /**
     * The commit of the working tree the tool runs from (bin/lstm-tuner exports LSTM_TUNER_COMMIT), else read
     * from .git in the current directory, else "unknown".
     */
    public static String gitCommit() {
        String env = System.getenv("LSTM_TUNER_COMMIT");
        if (env != null && !env.isBlank()) return env.trim();
        try {
            Path head = Path.of(".git", "HEAD");
            if (!Files.exists(head)) return "unknown";
            String ref = Files.readString(head).trim();
            if (!ref.startsWith("ref: ")) return ref;
            Path refFile = Path.of(".git").resolve(ref.substring(5));
            if (Files.exists(refFile)) return Files.readString(refFile).trim();
            Path packed = Path.of(".git", "packed-refs");
            if (Files.exists(packed)) {
                for (String line : Files.readAllLines(packed)) {
                    if (line.endsWith(" " + ref.substring(5))) return line.substring(0, line.indexOf(' '));
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return "unknown";
    }
}
