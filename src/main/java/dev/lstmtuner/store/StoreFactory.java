package dev.lstmtuner.store;

import java.nio.file.Path;

/**
 * Opens a store from what the user typed ({@code --store}): null = {@link #DEFAULT_URL}; {@code mem} = an
 * {@link InMemoryStore}; a {@code jdbc:} URL as given; anything else is taken as an H2 file path (without the
 * {@code .mv.db} suffix) and opened with AUTO_SERVER.
 */
public final class StoreFactory {
    /**
     * The default store: the H2 file {@code results/lstm-tuner.mv.db} under the working directory. AUTO_SERVER=TRUE
     * lets several lstm-tuner processes on this machine share the file: the first to open it serves it to the
     * others over a loopback TCP port (recorded in {@code lstm-tuner.lock.db}) and another takes over when it exits.
     */
    public static final String DEFAULT_URL = "jdbc:h2:file:./results/lstm-tuner;AUTO_SERVER=TRUE";

    private StoreFactory() {
    }

    public static Store open(String urlOrNull) {
        String spec = urlOrNull == null || urlOrNull.isBlank() ? DEFAULT_URL : urlOrNull.trim();
        if (spec.equals("mem") || spec.equals("mem:")) return new InMemoryStore();
        return new H2Store(jdbcUrl(spec));
    }

    /** The JDBC URL a {@code --store} value stands for. */
    public static String jdbcUrl(String spec) {
        if (spec.startsWith("jdbc:")) return spec;
        String path = spec.endsWith(".mv.db") ? spec.substring(0, spec.length() - ".mv.db".length()) : spec;
        return "jdbc:h2:file:" + Path.of(path).toAbsolutePath().normalize() + ";AUTO_SERVER=TRUE";
    }
}
