package dev.lstmtuner.store;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.DeviceRecord;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live handle of one RUNNING trial in a JDBC store. Every write locks the trial row and checks it is still
 * RUNNING first ({@link TrialQueue#lockRunning}); state changes go through the {@link TrialQueue}. Epochs reported
 * while the server is unreachable wait in memory (training goes on) and are written by the first epoch or heartbeat
 * that gets through, or before the trial's state changes; a trial reclaimed meanwhile throws
 * {@link TrialLostException} instead.
 */
final class JdbcTrialHandle implements TrialHandle {
    private static final long WRITE_WAIT_MS = 2000;
    private final Jdbc db;
    private final TrialQueue queue;
    private final Store store;
    private final long id;
    private final int number;
    private final String campaign;
    private final long campaignId;
    private final Trial claimed;
    /** Reported epochs not yet written (the server was unreachable), oldest first. */
    private final List<EpochMetrics> pending = new ArrayList<>();
    /** Held while writing {@link #pending}: one writer at a time, so no epoch is written twice. */
    private final ReentrantLock writing = new ReentrantLock();
    /**
     * A write of {@link #pending} began and did not see its COMMIT through (it may have landed): the next one first
     * drops the epochs that are stored already. Guarded by {@link #writing}.
     */
    private boolean uncertain;

    JdbcTrialHandle(Jdbc db, TrialQueue queue, Store store, Trial claimed) {
        this.db = db;
        this.queue = queue;
        this.store = store;
        this.id = claimed.id();
        this.number = claimed.number();
        this.campaign = claimed.campaign();
        this.campaignId = claimed.campaignId();
        this.claimed = claimed;
    }

    @Override
    public long trialId() {
        return id;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String campaign() {
        return campaign;
    }

    private String label() {
        return campaign + "/" + number;
    }

    @Override
    public void reportEpoch(EpochMetrics e) {
        synchronized (pending) {
            pending.add(e);
        }
        // while this process waits for the server (the heartbeat rides the outage out), the epoch waits in memory
        if (db.outage().ongoing() || !lockWriting(WRITE_WAIT_MS)) return;
        try {
            if (db.dialect().writingWith()) db.singleOnce(this::writePending);
            else db.txOnce(this::writePending);
        } catch (StoreUnreachableException down) {
            // kept: written by the next epoch or heartbeat that gets through, or before the trial finishes
        } catch (RuntimeException e2) {
            synchronized (pending) {
                pending.clear();
            }
            throw e2;
        } finally {
            writing.unlock();
        }
    }

    @Override
    public boolean behind() {
        synchronized (pending) {
            return !pending.isEmpty();
        }
    }

    private boolean lockWriting(long ms) {
        try {
            return writing.tryLock(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes the epochs waiting in memory (holding {@link #writing}) and refreshes the heartbeat, in the caller's
     * transaction, or on PostgreSQL in one statement run in auto-commit (one round trip per epoch instead of three).
     */
    private Void writePending(Connection c) throws SQLException {
        if (uncertain) dropStored(c);
        List<EpochMetrics> rows;
        synchronized (pending) {
            rows = List.copyOf(pending);
        }
        // another writer (the heartbeat) stored them meanwhile: only the heartbeat is left to write
        if (rows.isEmpty()) return touchRunning(c);
        uncertain = true;
        boolean inOne = c.getAutoCommit();
        if (!inOne) touchRunning(c);
        StringBuilder sql = new StringBuilder(inOne ? "WITH alive AS (UPDATE trial SET heartbeat_at = "
                + "CURRENT_TIMESTAMP WHERE id = ? AND state = 'RUNNING' RETURNING id) " : "");
        sql.append("INSERT INTO epoch_metric (").append(Rows.EPOCH_COLUMNS).append(", campaign_id) ");
        String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
        if (inOne) sql.append("SELECT v.* FROM alive, (VALUES ").append(String.join(", ", Collections.nCopies(
                rows.size(), row))).append(") AS v(").append(Rows.EPOCH_COLUMNS).append(", campaign_id)");
        else sql.append("VALUES ").append(String.join(", ", Collections.nCopies(rows.size(), row)));
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (inOne) ps.setLong(i++, id);
            for (EpochMetrics e : rows) {
                ps.setLong(i++, id);
                ps.setInt(i++, e.epoch());
                ps.setDouble(i++, e.trainLoss());
                ps.setDouble(i++, e.valLoss());
                ps.setDouble(i++, e.valRmse());
                ps.setLong(i++, e.durationMs());
                // NaN (undefined) is stored as NULL: PostgreSQL's NaN would sort above every real value
                if (Double.isFinite(e.valDirectionAccuracy())) ps.setDouble(i++, e.valDirectionAccuracy());
                else ps.setNull(i++, Types.DOUBLE);
                ps.setDouble(i++, e.fidelity());
                ps.setLong(i++, campaignId);
            }
            try {
                // no row inserted: the trial is no longer RUNNING (the heartbeat's update found nothing)
                if (ps.executeUpdate() == 0) TrialQueue.lockRunning(c, id, label());
            } catch (SQLException ex) {
                if (Dialect.duplicateKey(ex)) {
                    throw new IllegalStateException("epoch " + rows.get(0).epoch()
                            + (rows.size() > 1 ? "-" + rows.get(rows.size() - 1).epoch() : "") + " of trial "
                            + label() + " was already reported", ex);
                }
                throw ex;
            }
        }
        // committed here, so rows leave memory only once they are stored; only the holder of the write lock removes
        // rows, and new ones are appended: the written ones are the first
        if (!inOne) c.commit();
        uncertain = false;
        synchronized (pending) {
            pending.subList(0, rows.size()).clear();
        }
        return null;
    }

    /** Drops from {@link #pending} the epochs an earlier write stored before its connection was lost at COMMIT. */
    private void dropStored(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(epoch) FROM epoch_metric WHERE trial_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                int stored = rs.next() ? rs.getInt(1) : 0;
                synchronized (pending) {
                    pending.removeIf(e -> e.epoch() <= stored);
                }
            }
        }
    }

    /** {@link #writePending}, riding out an outage (holding {@link #writing}). */
    private void writePendingThroughOutages() {
        if (db.dialect().writingWith()) db.single(this::writePending);
        else db.tx(this::writePending);
    }

    /** Writes what waits in memory, riding out an outage: before the trial's state changes. */
    private void flush() {
        writing.lock();
        try {
            if (behind()) writePendingThroughOutages();
        } finally {
            writing.unlock();
        }
    }

    /**
     * Refreshes the heartbeat of the trial if it is still RUNNING, which also row-locks it until commit (as
     * {@link TrialQueue#lockRunning} does, in one statement instead of two: epochs and heartbeats are the most
     * frequent writes); when it is not RUNNING, says why.
     */
    private Void touchRunning(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE trial SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND state = 'RUNNING'")) {
            ps.setLong(1, id);
            if (ps.executeUpdate() == 1) return null;
        }
        TrialQueue.lockRunning(c, id, label());
        return null;
    }

    /** Also writes the epochs that wait in memory: after an outage they land with the first heartbeat. */
    @Override
    public void heartbeat() {
        writing.lock();
        try {
            // the heartbeat alone is one statement: no transaction to open on any database
            if (behind()) writePendingThroughOutages();
            else db.single(this::touchRunning);
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void recordProvenance(Provenance p) {
        db.tx(c -> {
            TrialQueue.lockRunning(c, id, label());
            try (PreparedStatement ps = c.prepareStatement(
                    db.dialect().upsert("provenance", Rows.PROVENANCE_COLUMNS, "trial_id"))) {
                DataFingerprint.Fingerprint d = p.data();
                ps.setLong(1, id);
                ps.setString(2, p.configJson());
                ps.setLong(3, p.seed());
                ps.setString(4, d == null ? null : d.sha256());
                Jdbc.setLong(ps, 5, d == null ? null : d.firstTimeMs());
                Jdbc.setLong(ps, 6, d == null ? null : d.lastTimeMs());
                Jdbc.setLong(ps, 7, d == null ? null : (Long) (long) d.rows());
                ps.setString(8, p.lstmTunerVersion());
                ps.setString(9, p.gitCommit());
                ps.setString(10, p.javaVersion());
                ps.setString(11, p.dl4jVersion());
                ps.setString(12, p.nd4jBackend());
                ps.setString(13, p.os());
                ps.setString(14, p.arch());
                ps.setInt(15, p.threads());
                ps.setString(16, p.host());
                DeviceRecord dev = p.device();
                ps.setString(17, dev == null ? null : dev.device());
                ps.setString(18, dev == null ? null : dev.layer());
                Jdbc.setInt(ps, 19, dev == null ? null : dev.blasThreads());
                Jdbc.setInt(ps, 20, dev == null ? null : dev.nd4jThreads());
                ps.setString(21, dev == null ? null : dev.plan());
                DataFingerprint.TestWindows w = p.tests();
                ps.setString(22, w == null ? null : w.sha256());
                Jdbc.setLong(ps, 23, w == null ? null : w.firstTimeMs());
                Jdbc.setLong(ps, 24, w == null ? null : w.lastTimeMs());
                Jdbc.setInt(ps, 25, w == null ? null : w.windows());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void addArtifact(Artifact a) {
        db.tx(c -> {
            TrialQueue.lockRunning(c, id, label());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO artifact (trial_id, kind, path, sha256, size_bytes) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, a.kind());
                ps.setString(3, a.path());
                ps.setString(4, a.sha256());
                ps.setLong(5, a.sizeBytes());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void recordObjectives(Map<Objective, Double> values) {
        db.tx(c -> {
            TrialQueue.lockRunning(c, id, label());
            JdbcObjectives.write(c, id, values);
            return null;
        });
    }

    @Override
    public void complete(FinalMetrics m, double objective) {
        flush();
        queue.complete(id, label(), m, objective);
    }

    @Override
    public void prune(int epoch, String reason) {
        flush();
        queue.finish(id, label(), TrialState.PRUNED, epoch, reason, null, false);
    }

    @Override
    public void fail(String reason, String stack) {
        flush();
        queue.finish(id, label(), TrialState.FAILED, null, reason, stack, false);
    }

    @Override
    public void interrupt(String reason) {
        flush();
        queue.finish(id, label(), TrialState.FAILED, null, reason, null, true);
    }

    @Override
    public Trial claimed() {
        return claimed;
    }

    @Override
    public Trial snapshot() {
        return store.trial(id).orElseThrow(() -> new IllegalStateException("trial " + label() + " was deleted"));
    }
}
