package dev.lstmtuner.store;

import java.nio.file.Path;

/**
 * Opens a store from what the user typed ({@code --store}): null = {@link #DEFAULT_URL}; {@code mem} = an
 * {@link InMemoryStore}; a {@code jdbc:} URL as given; anything else is taken as an H2 file path (without the
 * {@code .mv.db} suffix) and opened with AUTO_SERVER. A {@code jdbc:postgresql:} URL opens the same store on a
 * PostgreSQL server (see {@link PgCredentials} for where its password comes from).
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
        String url = jdbcUrl(spec);
        if (url.startsWith("jdbc:postgresql:")) return PgCredentials.open(url, null);
        return new JdbcStore(url, "sa", "");
    }

    /**
     * As {@link #open(String)}, with the PostgreSQL password read from the environment variable
     * {@code passwordEnv} (null: PGPASSWORD, then ~/.pgpass).
     */
    public static Store open(String urlOrNull, String passwordEnv) {
        if (passwordEnv == null) return open(urlOrNull);
        String url = jdbcUrl(urlOrNull == null || urlOrNull.isBlank() ? DEFAULT_URL : urlOrNull.trim());
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new dev.lstmtuner.config.BadInputException("--store-password-env applies to a PostgreSQL store "
                    + "(jdbc:postgresql://...), not " + url);
        }
        return PgCredentials.open(url, passwordEnv);
    }

    /** The JDBC URL a {@code --store} value stands for. */
    public static String jdbcUrl(String spec) {
        if (spec.startsWith("jdbc:")) return spec;
        String path = spec.endsWith(".mv.db") ? spec.substring(0, spec.length() - ".mv.db".length()) : spec;
        return "jdbc:h2:file:" + Path.of(path).toAbsolutePath().normalize() + ";AUTO_SERVER=TRUE";
    }
}
