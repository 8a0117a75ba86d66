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
    /** Reported epochs not yet written (the server was unreachable), oldest first. */
    private final List<EpochMetrics> pending = new ArrayList<>();
    /** Held while writing {@link #pending}: one writer at a time, so no epoch is written twice. */
    private final ReentrantLock writing = new ReentrantLock();
    /**
     * A write of {@link #pending} began and did not see its COMMIT through (it may have landed): the next one first
     * drops the epochs that are stored already. Guarded by {@link #writing}.
     */
    private boolean uncertain;

    JdbcTrialHandle(Jdbc db, TrialQueue queue, Store store, long id, int number, String campaign, long campaignId) {
        this.db = db;
        this.queue = queue;
        this.store = store;
        this.id = id;
        this.number = number;
        this.campaign = campaign;
        this.campaignId = campaignId;
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
            db.txOnce(this::writePending);
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

    /** Writes the epochs waiting in memory (holding {@link #writing}), in the caller's transaction. */
    private Void writePending(Connection c) throws SQLException {
        touchRunning(c);
        if (uncertain) dropStored(c);
        uncertain = true;
        List<EpochMetrics> rows;
        synchronized (pending) {
            rows = List.copyOf(pending);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO epoch_metric (" + Rows.EPOCH_COLUMNS
                + ", campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (EpochMetrics e : rows) {
                ps.setLong(1, id);
                ps.setInt(2, e.epoch());
                ps.setDouble(3, e.trainLoss());
                ps.setDouble(4, e.valLoss());
                ps.setDouble(5, e.valRmse());
                ps.setLong(6, e.durationMs());
                // NaN (undefined) is stored as NULL: PostgreSQL's NaN would sort above every real value
                if (Double.isFinite(e.valDirectionAccuracy())) ps.setDouble(7, e.valDirectionAccuracy());
                else ps.setNull(7, Types.DOUBLE);
                ps.setDouble(8, e.fidelity());
                ps.setLong(9, campaignId);
                try {
                    ps.executeUpdate();
                } catch (SQLException ex) {
                    if (Dialect.duplicateKey(ex)) {
                        throw new IllegalStateException("epoch " + e.epoch() + " of trial " + label()
                                + " was already reported", ex);
                    }
                    throw ex;
                }
            }
        }
        // committed here, so rows leave memory only once they are stored; only the holder of the write lock removes
        // rows, and new ones are appended: the written ones are the first
        c.commit();
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

    /** Writes what waits in memory, riding out an outage: before the trial's state changes. */
    private void flush() {
        writing.lock();
        try {
            if (behind()) db.tx(this::writePending);
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
            db.tx(c -> behind() ? writePending(c) : touchRunning(c));
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
    public Trial snapshot() {
        return store.trial(id).orElseThrow(() -> new IllegalStateException("trial " + label() + " was deleted"));
    }
}
