package dev.lstmtuner.store;

import java.sql.SQLException;
import java.util.Map;
import java.sql.SQLTransientConnectionException;

/**
 * What differs between the databases the JDBC store runs on: where their migrations live, how a connection is
 * set up, upserts, time arithmetic on the database clock, whether a claim may skip locked rows, and which errors
 * mean "try the transaction again". Everything else is shared SQL.
 */
enum Dialect {
    // every commit written to the file before it returns: with H2's default delay (up to a second) a disk that
    // fills, or a killed process, loses trials already reported as recorded (a full tmpfs lost a third of them)
    H2("h2", "SET LOCK_TIMEOUT 10000; SET WRITE_DELAY 0", false),
    // custom plans: the generic plan the driver's server-side prepared statements switch to after five runs reads
    // "changed_at >= ?" as a third of the table, a parallel seq scan (29 ms at 100k trials against 0.1 ms)
    // a lock wait of at most 2 s (then the transaction is retried): a frozen session holding a row cannot stall a
    // coordinator's step for long; one left idle in a transaction is ended by the server after a minute
    POSTGRESQL("postgresql", "SET lock_timeout = '2s'; SET idle_in_transaction_session_timeout = '60s'; "
            + "SET plan_cache_mode = force_custom_plan", true);

    private final String vendor;
    private final String initSql;
    private final boolean skipLocked;

    Dialect(String vendor, String initSql, boolean skipLocked) {
        this.vendor = vendor;
        this.initSql = initSql;
        this.skipLocked = skipLocked;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("unsupported store URL " + jdbcUrl);
    }

    /**
     * Flyway's locations: this vendor's own folder (versions 1-4, written before the folders were merged) and the
     * shared folder every later version lives in, with {@link #placeholders} for the types that differ.
     */
    String[] migrations() {
        return new String[]{"classpath:db/migration/" + vendor, "classpath:db/migration/common"};
    }

    /** The vendor's column types, by the placeholder names the shared migrations use. */
    Map<String, String> placeholders() {
        return switch (this) {
            case H2 -> Map.of("text_type", "CLOB", "small_int_type", "TINYINT", "double_type", "DOUBLE PRECISION");
            case POSTGRESQL -> Map.of("text_type", "TEXT", "small_int_type", "SMALLINT",
                    "double_type", "DOUBLE PRECISION");
        };
    }

    /**
     * A point of the database clock before which every change is committed, for {@link Store#changesSince}: rows
     * are stamped with CURRENT_TIMESTAMP, which is their transaction's start, so a transaction that stays open
     * longer than a reader's lag would otherwise commit rows stamped before the reader's next {@code since} and never
     * be seen. PostgreSQL names its open transactions' starts. H2 does not, so while another session holds
     * uncommitted rows or runs a statement its mark trails the clock by more than its lock timeout (10 s), past which
     * an H2 write transaction is rolled back and retried.
     */
    String watermarkSql() {
        return switch (this) {
            case H2 -> "SELECT CASE WHEN EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID() "
                    + "AND (CONTAINS_UNCOMMITTED OR EXECUTING_STATEMENT IS NOT NULL)) "
                    + "THEN DATEADD(SECOND, -15, CURRENT_TIMESTAMP) ELSE CURRENT_TIMESTAMP END AS now";
            case POSTGRESQL -> "SELECT LEAST(CURRENT_TIMESTAMP, COALESCE(MIN(xact_start), CURRENT_TIMESTAMP)) AS now "
                    + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    + "AND backend_type = 'client backend' AND xact_start IS NOT NULL";
        };
    }

    /**
     * Run on every new connection: concurrent writers wait for row locks rather than fail at once, and PostgreSQL
     * (12 or later) plans each range query for its own bounds.
     */
    String connectionInitSql() {
        return initSql;
    }

    /** Claims use {@code FOR UPDATE SKIP LOCKED}: concurrent claimers take different rows without waiting. */
    boolean skipLocked() {
        return skipLocked;
    }

    /**
     * Whether a WITH may write ({@code WITH a AS (UPDATE ... RETURNING ...) INSERT ...}): several writes in one
     * statement, so one round trip and one transaction without a COMMIT (PostgreSQL; H2 has no such WITH).
     */
    boolean writingWith() {
        return this == POSTGRESQL;
    }

    /** A condition that {@code column} is older than {@code ?} milliseconds by the database clock. */
    String olderThanMillis(String column) {
        return switch (this) {
            case H2 -> column + " < DATEADD(MILLISECOND, -CAST(? AS BIGINT), CURRENT_TIMESTAMP)";
            case POSTGRESQL -> column + " < CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '1 millisecond'";
        };
    }

    /** The database clock plus {@code ?} milliseconds. */
    String nowPlusMillis() {
        return switch (this) {
            case H2 -> "DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)";
            case POSTGRESQL -> "CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '1 millisecond'";
        };
    }

    /** Inserts a row unless one with the same key exists. */
    String insertIgnore(String table, String columns, String key) {
        String values = "(" + "?, ".repeat(columns.split(",").length - 1) + "?)";
        return switch (this) {
            case H2 -> "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES " + values;
            case POSTGRESQL -> "INSERT INTO " + table + " (" + columns + ") VALUES " + values
                    + " ON CONFLICT (" + key + ") DO NOTHING";
        };
    }

    /** Inserts a row, or replaces the one with the same key. */
    String upsert(String table, String columns, String key) {
        String values = "(" + "?, ".repeat(columns.split(",").length - 1) + "?)";
        return switch (this) {
            case H2 -> "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES " + values;
            case POSTGRESQL -> {
                StringBuilder set = new StringBuilder();
                for (String col : columns.split(",")) {
                    String c = col.trim();
                    if (c.equals(key)) continue;
                    if (!set.isEmpty()) set.append(", ");
                    set.append(c).append(" = EXCLUDED.").append(c);
                }
                yield "INSERT INTO " + table + " (" + columns + ") VALUES " + values + " ON CONFLICT (" + key
                        + ") DO UPDATE SET " + set;
            }
        };
    }

    /** A lock timeout, deadlock, serialization failure or concurrent update: the whole transaction may be retried. */
    boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return switch (this) {
            case H2 -> {
                int code = e.getErrorCode();
                yield code == 90131 || code == 40001 || code == 50200 || "40001".equals(state);
            }
            // serialization failure, deadlock, lock timeout
            case POSTGRESQL -> "40001".equals(state) || "40P01".equals(state) || "55P03".equals(state);
        };
    }

    /**
     * The connection was lost or could not be had: SQLSTATE class 08 (connection exception), 57P01-57P03 (the server
     * is shutting down, crashed or is starting) or the pool's own timeout. Not the statement's fault: the same work
     * may be tried again once the server answers.
     */
    boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) return true;
            // the pool's stand-in for a connection it evicted after a fatal error (it has no SQLSTATE)
            if (t instanceof SQLException s && s.getSQLState() == null && "Connection is closed".equals(s.getMessage())) {
                return true;
            }
            if (this == H2 && t instanceof SQLException s && h2Unwritable(s)) return true;
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08")) return true;
                if (this == POSTGRESQL && (state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * H2 could not write its file (a full disk: the store closes itself and every call after says "closed" until
     * a connection opens the file again) or lost its AUTO_SERVER link: once space frees the same work can be retried.
     */
    static boolean h2Unwritable(SQLException e) {
        int code = e.getErrorCode();
        return code == 90098 || code == 90121 || code == 90028 || code == 90031 || code == 90067
                || code == 50000 && e.getMessage() != null && e.getMessage().contains("MVStoreException: Writing to");
    }

    /** A unique or primary key violation. */
    static boolean duplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
