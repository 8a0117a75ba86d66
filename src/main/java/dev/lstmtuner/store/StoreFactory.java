package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens a store from what the user typed ({@code --store}): null = {@link #DEFAULT_URL}; {@code mem} = an
 * {@link InMemoryStore}; a {@code jdbc:} URL as given; anything else is taken as an H2 file path (without the
 * {@code .mv.db} suffix) and opened with AUTO_SERVER. A local H2 file is checked first ({@link H2LocalFile}):
 * empty, unwritable-folder and foreign files are refused in one line, a read-only file is opened read-only.
 * A {@code jdbc:postgresql:} URL opens the same store on a PostgreSQL server (see {@link PgCredentials} for where
 * its password comes from).
 */
public final class StoreFactory {
    /**
     * The default store: the H2 file {@code results/lstm-tuner.mv.db} under the working directory. AUTO_SERVER=TRUE
     * lets several lstm-tuner processes on this machine share the file: the first to open it serves it to the
     * others over a TCP port on the loopback interface only (recorded in {@code lstm-tuner.lock.db}), with the
     * store's own password ({@code lstm-tuner.password}, mode 0600), and another takes over when it exits.
     */
    public static final String DEFAULT_URL = "jdbc:h2:file:./results/lstm-tuner;AUTO_SERVER=TRUE";

    /** Where H2's AUTO_SERVER listens unless the JVM is started with {@code -Dh2.bindAddress=...}. */
    public static final String BIND_ADDRESS = "127.0.0.1";

    /** The password for a store that is not a local file (a {@code jdbc:h2:tcp:} URL to a shared server). */
    public static final String PASSWORD_ENV = "LSTM_TUNER_STORE_PASSWORD";

    static {
        bindLoopback();
    }

    /**
     * Keeps H2's AUTO_SERVER port on the loopback interface. H2 reads the property once, when its SysProperties
     * class loads: this runs before any store is opened (and {@code Main} calls it first thing).
     */
    public static void bindLoopback() {
        if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", BIND_ADDRESS);
    }

    private StoreFactory() {
    }

    public static Store open(String urlOrNull) {
        String spec = urlOrNull == null || urlOrNull.isBlank() ? DEFAULT_URL : urlOrNull.trim();
        if (spec.equals("mem") || spec.equals("mem:")) return new InMemoryStore();
        String url = jdbcUrl(spec);
        if (url.startsWith("jdbc:postgresql:")) return PgCredentials.open(url, null);
        if (url.toLowerCase(Locale.ROOT).matches(".*;\\s*password\\s*=.*")) {
            throw new BadInputException("--store " + PgCredentials.redact(url) + " carries a password, which `ps` shows to "
                    + "every user of the machine (and which worker command lines would repeat): remove ;PASSWORD= from the "
                    + "URL and set " + PASSWORD_ENV + " (a local H2 file needs none: its password file is beside it)");
        }
        Optional<H2LocalFile> local = H2LocalFile.of(url);
        boolean fresh = local.isPresent() && !Files.exists(local.get().dataFile());
        String h2 = local.map(f -> f.prepare(url)).orElse(url);
        JdbcStore store = new JdbcStore(h2, user(h2), password(h2));
        if (fresh) local.get().restrictNew();
        return store;
    }

    /**
     * As {@link #open(String)}, with the PostgreSQL password read from the environment variable
     * {@code passwordEnv} (null: PGPASSWORD, then ~/.pgpass).
     */
    public static Store open(String urlOrNull, String passwordEnv) {
        if (passwordEnv == null) return open(urlOrNull);
        String url = jdbcUrl(urlOrNull == null || urlOrNull.isBlank() ? DEFAULT_URL : urlOrNull.trim());
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new BadInputException("--store-password-env applies to a PostgreSQL store "
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

    /**
     * A URL several processes can open at once: a local H2 file gets AUTO_SERVER (without it the first process
     * locks the file and every worker fails to open it); other URLs are returned as they are.
     */
    public static String shareable(String url) {
        if (H2LocalFile.of(url).isEmpty() || H2LocalFile.readOnly(url)) return url;
        String u = url.replaceAll("(?i);AUTO_SERVER=FALSE", "");
        return u.toUpperCase(Locale.ROOT).contains("AUTO_SERVER=TRUE") ? u : u + ";AUTO_SERVER=TRUE";
    }

    /** The user the store is opened as. */
    public static String user(String url) {
        return H2LocalFile.USER;
    }

    /** The password the store is opened with: the local store's own, or {@value #PASSWORD_ENV} for a server. */
    public static String password(String url) {
        return H2LocalFile.of(url).map(H2LocalFile::password)
                .orElseGet(() -> System.getenv(PASSWORD_ENV) == null ? "" : System.getenv(PASSWORD_ENV));
    }

    /** The file a local store keeps its data in, for messages; the URL itself otherwise. */
    public static String describe(String url) {
        return H2LocalFile.of(url).map(f -> f.dataFile().toString()).orElse(url);
    }
}
