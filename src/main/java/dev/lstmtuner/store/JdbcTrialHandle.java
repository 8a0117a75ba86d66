package dev.lstmtuner.store;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.TrialState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The live handle of one RUNNING trial in a JDBC store. Every write locks the trial row and checks it is still
 * RUNNING first ({@link TrialQueue#lockRunning}); state changes go through the {@link TrialQueue}.
 */
final class JdbcTrialHandle implements TrialHandle {
    private final Jdbc db;
    private final TrialQueue queue;
    private final Store store;
    private final long id;
    private final int number;
    private final String campaign;
    private final long campaignId;

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
        db.tx(c -> {
            touchRunning(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO epoch_metric (" + Rows.EPOCH_COLUMNS
                    + ", campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setInt(2, e.epoch());
                ps.setDouble(3, e.trainLoss());
                ps.setDouble(4, e.valLoss());
                ps.setDouble(5, e.valRmse());
                ps.setLong(6, e.durationMs());
                // NaN (undefined) is stored as NULL: PostgreSQL's NaN would sort above every real value
                if (Double.isFinite(e.valDirectionAccuracy())) ps.setDouble(7, e.valDirectionAccuracy());
                else ps.setNull(7, Types.DOUBLE);
                ps.setLong(8, campaignId);
                ps.executeUpdate();
            } catch (SQLException ex) {
                if (Dialect.duplicateKey(ex)) {
                    throw new IllegalStateException("epoch " + e.epoch() + " of trial " + label()
                            + " was already reported", ex);
                }
                throw ex;
            }
            return null;
        });
    }

    /**
     * Refreshes the heartbeat of the trial if it is still RUNNING, which also row-locks it until commit (as
     * {@link TrialQueue#lockRunning} does, in one statement instead of two: epochs and heartbeats are the most
     * frequent writes); when it is not RUNNING, says why.
     */
    private void touchRunning(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE trial SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ? AND state = 'RUNNING'")) {
            ps.setLong(1, id);
            if (ps.executeUpdate() == 1) return;
        }
        TrialQueue.lockRunning(c, id, label());
    }

    @Override
    public void heartbeat() {
        db.tx(c -> {
            touchRunning(c);
            return null;
        });
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
    public void complete(FinalMetrics m, double objective) {
        queue.complete(id, label(), m, objective);
    }

    @Override
    public void prune(int epoch, String reason) {
        queue.finish(id, label(), TrialState.PRUNED, epoch, reason, null, false);
    }

    @Override
    public void fail(String reason, String stack) {
        queue.finish(id, label(), TrialState.FAILED, null, reason, stack, false);
    }

    @Override
    public void interrupt(String reason) {
        queue.finish(id, label(), TrialState.FAILED, null, reason, null, true);
    }

    @Override
    public Trial snapshot() {
        return store.trial(id).orElseThrow(() -> new IllegalStateException("trial " + label() + " was deleted"));
    }
}
