package dev.lstmtuner.store;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * The connection pool and how work runs on it: a read on one pooled connection, or a transaction retried when the
 * database reports a lock timeout, deadlock or serialization failure ({@link Dialect#retryable}). A lost connection
 * ({@link Dialect#connectionLost}: the server restarted, crashed or cannot be reached) is retried too, for the
 * outage budget of {@link StoreOutage}. Every store class runs its SQL through here; errors come out as
 * {@link StoreException} naming the store (never its password), {@link StoreUnreachableException} past the budget.
 */
final class Jdbc implements AutoCloseable {
    private static final int MAX_RETRIES = 20;
    private static final int FETCH_ROWS = 1000;

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Attempt<T> {
        /** {@code afterLoss}: an earlier attempt lost its connection, perhaps after its COMMIT had landed. */
        T run(boolean afterLoss) throws SQLException;
    }

    private final HikariDataSource pool;
    private final String url;
    private final Dialect dialect;
    private final StoreOutage outage;

    Jdbc(HikariDataSource pool, String url, Dialect dialect) {
        this.pool = pool;
        this.url = url;
        this.dialect = dialect;
        this.outage = new StoreOutage(url, dialect);
    }

    Dialect dialect() {
        return dialect;
    }

    String url() {
        return url;
    }

    StoreOutage outage() {
        return outage;
    }

    <T> T read(SqlWork<T> work) {
        return attempt("query", false, true, afterLoss -> {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            }
        });
    }

    /**
     * A read of many rows, in one read-only transaction with statements fetching {@value #FETCH_ROWS} rows at a time:
     * PostgreSQL's driver streams a result only inside a transaction and otherwise holds all of it in memory (a
     * worker reading a 100k-trial campaign's history ran out of a 264 MB heap). Statements take the fetch size from
     * {@link #fetching}.
     */
    <T> T readMany(SqlWork<T> work) {
        return attempt("query", false, true, afterLoss -> {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                try {
                    return work.run(c);
                } finally {
                    reset(c, true);
                }
            }
        });
    }

    /** A statement of {@link #readMany}: its results come {@value #FETCH_ROWS} rows at a time. */
    static PreparedStatement fetching(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setFetchSize(FETCH_ROWS);
        return ps;
    }

    /**
     * Runs in one transaction, retried (with a short back-off) while the database says the conflict was transient,
     * and through an outage of the server.
     */
    <T> T tx(SqlWork<T> work) {
        return attempt("update", true, true, afterLoss -> inTx(work, null));
    }

    /**
     * As {@link #tx}, for work that must land exactly once. A connection lost at COMMIT leaves it unknown whether
     * the commit landed: the retry that follows first runs {@code landed} (in the same transaction as the work),
     * which finds what the lost attempt wrote, if it landed; its answer is then the result and the work is not done
     * again (no trial enqueued, claimed or finished twice).
     */
    <T> T tx(SqlWork<T> work, SqlWork<Optional<T>> landed) {
        return attempt("update", true, true, afterLoss -> inTx(work, afterLoss ? landed : null));
    }

    /**
     * As {@link #tx}, but a lost connection is not waited out: it fails at once with
     * {@link StoreUnreachableException} (a running trial buffers its epochs meanwhile and trains on).
     */
    <T> T txOnce(SqlWork<T> work) {
        return attempt("update", true, false, afterLoss -> inTx(work, null));
    }

    /**
     * As {@link #tx}, for work that is one statement (a PostgreSQL data-modifying WITH does several writes in one):
     * run in auto-commit, it is its own transaction in one round trip, with no COMMIT to send. Any reads it adds
     * (saying why a write found nothing) need no transaction either.
     */
    <T> T single(SqlWork<T> work, SqlWork<Optional<T>> landed) {
        return attempt("update", true, true, afterLoss -> inAutoCommit(work, afterLoss ? landed : null));
    }

    /** {@link #single} for work that may be done again (no landed check). */
    <T> T single(SqlWork<T> work) {
        return single(work, null);
    }

    /** As {@link #single}, but a lost connection fails at once, as {@link #txOnce} does. */
    <T> T singleOnce(SqlWork<T> work) {
        return attempt("update", true, false, afterLoss -> inAutoCommit(work, null));
    }

    private <T> T inAutoCommit(SqlWork<T> work, SqlWork<Optional<T>> landed) throws SQLException {
        try (Connection c = pool.getConnection()) {
            Optional<T> done = landed == null ? Optional.empty() : landed.run(c);
            return done.isPresent() ? done.get() : work.run(c);
        }
    }

    private <T> T inTx(SqlWork<T> work, SqlWork<Optional<T>> landed) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<T> done = landed == null ? Optional.empty() : landed.run(c);
                T result = done.isPresent() ? done.get() : work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            } finally {
                reset(c, false);
            }
        }
    }

    /**
     * Leaves a connection as the pool lent it. On a connection the server dropped this fails too: that error must
     * not hide the one that says why (the pool evicts the connection anyway).
     */
    private static void reset(Connection c, boolean readOnly) {
        try {
            if (readOnly) {
                c.rollback();
                c.setReadOnly(false);
            }
            c.setAutoCommit(true);
        } catch (SQLException brokenConnection) {
            // evicted by the pool
        }
    }

    private <T> T attempt(String what, boolean retryConflicts, boolean waitOutOutage, Attempt<T> a) {
        int conflicts = 0;
        int lost = 0;
        while (true) {
            try {
                T result = a.run(lost > 0);
                outage.succeeded();
                return result;
            } catch (SQLException e) {
                if (dialect.connectionLost(e)) {
                    outage.failed(e);
                    if (!waitOutOutage || outage.spent() || !outage.backOff(++lost)) {
                        throw outage.unreachable(e, waitOutOutage);
                    }
                    continue;
                }
                if (retryConflicts && ++conflicts < MAX_RETRIES && dialect.retryable(e)) {
                    sleepQuietly(conflicts);
                    continue;
                }
                throw new StoreException("store " + what + " failed on " + url + ": " + e.getMessage(), e);
            }
        }
    }

    private static void sleepQuietly(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L * attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, v);
    }

    static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.DOUBLE);
        else ps.setDouble(i, v);
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public void close() {
        pool.close();
    }
}
