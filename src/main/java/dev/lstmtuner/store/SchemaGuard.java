package dev.lstmtuner.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.lstmtuner.config.BadInputException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Opens the pool and brings the schema to this version with Flyway (the migrations of the database's vendor),
 * refusing (with a clear message, touching nothing) a file that is not an H2 database, an unreachable server, a
 * database written by a newer lstm-tuner, or a foreign schema.
 */
final class SchemaGuard {
    private SchemaGuard() {
    }

    /** user/password null: the driver's own defaults (for PostgreSQL the URL's user, ~/.pgpass). */
    static HikariDataSource openPool(String url, String user, String password, Dialect dialect) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        if (user != null) cfg.setUsername(user);
        if (password != null) cfg.setPassword(password);
        cfg.setMaximumPoolSize(8);
        cfg.setMinimumIdle(1);
        cfg.setPoolName("lstm-tuner-store");
        // fail fast (exit 2 with a message) when the server is unreachable, instead of Hikari's 30 s wait
        cfg.setInitializationFailTimeout(10_000);
        // a short wait for a pooled connection: a lost server is then noticed (and ridden out, see StoreOutage)
        // within seconds, and noticed back as soon
        cfg.setConnectionTimeout(5_000);
        // concurrent writers wait for each other's row locks rather than failing at once
        cfg.setConnectionInitSql(dialect.connectionInitSql());
        // a connection to an H2 database that closed itself (a full disk) is dead: the pool must open a new one
        if (dialect == Dialect.H2) cfg.setExceptionOverrideClassName(H2ClosedConnections.class.getName());
        try {
            return new HikariDataSource(cfg);
        } catch (HikariPool.PoolInitializationException e) {
            throw unreadable(url, e.getCause() != null ? e.getCause() : e);
        } catch (RuntimeException e) {
            throw unreadable(url, e);
        }
    }

    private static BadInputException unreadable(String url, Throwable cause) {
        String why = cause instanceof SQLException sql ? firstLine(sql.getMessage()) : String.valueOf(cause);
        return new BadInputException("cannot open the experiment store " + url + ": " + why
                + (url.startsWith("jdbc:h2:")
                ? ". If the file is not an lstm-tuner H2 database (or is damaged), move it aside or pass --store "
                + "with another location; nothing was changed."
                : ". Check that the database server is running and reachable, that the database exists, and the user "
                + "and password (PGPASSWORD, ~/.pgpass or --store-password-env NAME); nothing was changed."), cause);
    }

    /**
     * Flyway takes no lock on H2, so two stores of one JVM opening the same new file at once (a search and the
     * leaderboard, a test and the search it watches) would both create the tables: one migration at a time.
     */
    static synchronized void migrate(HikariDataSource pool, String url, Dialect dialect) {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations(dialect.migrations())
                .placeholders(dialect.placeholders())
                .failOnMissingLocations(true)
                .load();
        try {
            MigrationInfoService info = flyway.info();
            MigrationInfo[] future = Arrays.stream(info.applied())
                    .filter(m -> m.getState().name().startsWith("FUTURE"))
                    .toArray(MigrationInfo[]::new);
            if (future.length > 0) {
                String versions = Arrays.stream(future).map(m -> String.valueOf(m.getVersion()))
                        .collect(Collectors.joining(", "));
                throw new BadInputException("the experiment store " + url + " has schema version(s) " + versions
                        + ", written by a newer lstm-tuner than this one (schema "
                        + (info.current() == null ? "?" : latestKnown(info)) + "): upgrade lstm-tuner, or pass "
                        + "--store with another location; nothing was changed.");
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new BadInputException("the experiment store " + url + " could not be prepared: "
                    + firstLine(e.getMessage()) + ". If it is not an lstm-tuner database, pass --store with another "
                    + "location; nothing was changed.", e);
        }
    }

    private static String latestKnown(MigrationInfoService info) {
        return Arrays.stream(info.all())
                .filter(m -> !m.getState().name().startsWith("FUTURE") && m.getVersion() != null)
                .map(m -> m.getVersion().toString())
                .reduce((a, b) -> b).orElse("?");
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
