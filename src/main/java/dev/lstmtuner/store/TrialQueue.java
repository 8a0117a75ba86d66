package dev.lstmtuner.store;

import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.TrialState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The trial queue's writes but claims ({@link TrialClaims}): trial numbers allocated under the campaign row lock,
 * state changes that lock the trial row and check it is still RUNNING (a finished trial is never written again), and
 * reclaiming trials whose heartbeat is stale by the database clock. Enqueues and state changes land exactly once when
 * a connection is lost at COMMIT: each enqueue writes a token of its own that the retry looks for ({@link Jdbc#tx(
 * Jdbc.SqlWork, Jdbc.SqlWork)}), and a state change's retry finds the state it set.
 */
final class TrialQueue {
    private final Jdbc db;
    private final JdbcStore store;

    TrialQueue(Jdbc db, JdbcStore store) {
        this.db = db;
        this.store = store;
    }

    long enqueue(String campaign, Map<String, Object> params, Long confirmOf) {
        String token = UUID.randomUUID().toString();
        return db.tx(c -> insert(c, JdbcCampaigns.require(c, campaign).id(), List.of(params), null, confirmOf, token)
                .get(0), c -> enqueued(c, token).map(ids -> ids.get(0)));
    }

    /** Several sampled trials in one transaction (a coordinator topping up the queue). */
    List<Long> enqueueAll(String campaign, List<Map<String, Object>> params) {
        String token = UUID.randomUUID().toString();
        return db.tx(c -> insert(c, JdbcCampaigns.require(c, campaign).id(), params, null, null, token),
                c -> enqueued(c, token));
    }

    /** The trials an enqueue whose COMMIT lost its answer wrote, if it landed. */
    private static Optional<List<Long>> enqueued(Connection c, String token) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM trial WHERE enqueue_token = ? ORDER BY number")) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids);
    }

    /**
     * Allocates consecutive numbers under the campaign row lock (once for all of them), then inserts the trials
     * and, batched, their param rows; returns the new ids in order.
     */
    private List<Long> insert(Connection c, long campaignId, List<Map<String, Object>> all, Long requeuedFrom,
                              Long confirmOf, String token) throws SQLException {
        int first;
        try (PreparedStatement ps = c.prepareStatement("SELECT next_number FROM campaign WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("campaign " + campaignId + " vanished");
                first = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE campaign SET next_number = ? WHERE id = ?")) {
            ps.setInt(1, first + all.size());
            ps.setLong(2, campaignId);
            ps.executeUpdate();
        }
        List<Long> ids = new ArrayList<>(all.size());
        Set<String> names = new LinkedHashSet<>();
        try (PreparedStatement trial = c.prepareStatement("INSERT INTO trial (campaign_id, number, state, rank_class, "
                + "params_json, requeued_from, confirm_of, enqueue_token) VALUES (?, ?, 'WAITING', ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS);
             PreparedStatement param = c.prepareStatement("INSERT INTO trial_param (trial_id, campaign_id, name, "
                     + "num_value, str_value, state, rank_class) VALUES (?, ?, ?, ?, ?, 'WAITING', ?)")) {
            List<String> jsons = new ArrayList<>(all.size());
            for (int k = 0; k < all.size(); k++) {
                String json = ParamsJson.write(all.get(k));
                jsons.add(json);
                trial.setLong(1, campaignId);
                trial.setInt(2, first + k);
                trial.setInt(3, SortKey.rankClass(TrialState.WAITING));
                trial.setString(4, json);
                Jdbc.setLong(trial, 5, requeuedFrom);
                Jdbc.setLong(trial, 6, confirmOf);
                trial.setString(7, token);
                trial.addBatch();
            }
            // one round trip for the step's trials: the keys come back in batch order
            trial.executeBatch();
            try (ResultSet rs = trial.getGeneratedKeys()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            if (ids.size() != all.size()) {
                throw new IllegalStateException("the database returned " + ids.size() + " keys for " + all.size()
                        + " new trials");
            }
            for (int k = 0; k < all.size(); k++) {
                // the stored (JSON round-tripped) values, as every reader will see them
                for (Map.Entry<String, Object> p : ParamsJson.read(jsons.get(k)).entrySet()) {
                    param.setLong(1, ids.get(k));
                    param.setLong(2, campaignId);
                    param.setString(3, p.getKey());
                    Jdbc.setDouble(param, 4, ParamsJson.numeric(p.getValue()));
                    param.setString(5, ParamsJson.text(p.getValue()));
                    param.setInt(6, SortKey.rankClass(TrialState.WAITING));
                    param.addBatch();
                    names.add(p.getKey());
                }
            }
            if (!names.isEmpty()) param.executeBatch();
        }
        if (!names.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    db.dialect().insertIgnore("campaign_param", "campaign_id, name", "campaign_id, name"))) {
                for (String name : names) {
                    ps.setLong(1, campaignId);
                    ps.setString(2, name);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return ids;
    }

    /** A WAITING copy of a trial that did not finish through no fault of its own (same params, new number). */
    private void requeue(Connection c, long trialId) throws SQLException {
        Trial t = TrialReads.byId(c, trialId);
        // in the transaction of the state change, which lands once: no token of its own
        insert(c, t.campaignId(), List.of(t.params()), trialId, t.confirmOf(), null);
    }

    static void syncParamState(Connection c, long trialId, TrialState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE trial_param SET state = ?, rank_class = ? WHERE trial_id = ?")) {
            ps.setString(1, state.name());
            ps.setInt(2, SortKey.rankClass(state));
            ps.setLong(3, trialId);
            ps.executeUpdate();
        }
    }

    /** Locks the trial row and checks it is still RUNNING, so no write lands on a finished trial. */
    static void lockRunning(Connection c, long trialId, String label) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM trial WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new TrialLostException("trial " + label + " was deleted");
                TrialState s = TrialState.valueOf(rs.getString(1));
                if (s != TrialState.RUNNING) throw StoreErrors.notRunning(label, s);
            }
        }
    }

    void complete(long trialId, String label, FinalMetrics m, double objective) {
        finishRunning(trialId, label, TrialState.COMPLETE, "objective = ?, has_metrics = TRUE, test_mae = ?, "
                + "test_rmse = ?, test_mape = ?, test_r2 = ?, direction_accuracy = ?, persistence_mae = ?, "
                + "persistence_rmse = ?, persistence_mape = ?, persistence_r2 = ?, "
                + "persistence_direction_accuracy = ?, skill = ?, best_val_rmse = ?, params_count = ?, "
                + "epochs = ?, best_epoch = ?, training_seconds = ?, test_windows = ?, persistence_statistic = ?, "
                + "persistence_p = ?, folds_json = ?, ridge_rmse = ?, ridge_p = ?", (ps, first) -> {
            ForecastMetrics mo = m.model();
            ForecastMetrics pe = m.persistence();
            int i = first;
            ps.setDouble(i++, objective);
            for (double v : new double[]{mo.mae(), mo.rmse(), mo.mape(), mo.r2(), mo.directionAccuracy(),
                    pe.mae(), pe.rmse(), pe.mape(), pe.r2(), pe.directionAccuracy(), m.skill(),
                    m.bestValRmse()}) {
                ps.setDouble(i++, v);
            }
            ps.setLong(i++, m.params());
            ps.setInt(i++, m.epochs());
            ps.setInt(i++, m.bestEpoch());
            ps.setDouble(i++, m.trainingSeconds());
            ps.setInt(i++, m.testWindows());
            Jdbc.setDouble(ps, i++, m.persistenceStatistic());
            Jdbc.setDouble(ps, i++, m.persistencePValue());
            ps.setString(i++, m.folds().isEmpty() ? null : FoldsJson.write(m.folds()));
            Jdbc.setDouble(ps, i++, m.ridgeRmse());
            Jdbc.setDouble(ps, i++, m.ridgePValue());
            return i;
        }, false, null);
    }

    @FunctionalInterface
    private interface Bind {
        /** Binds the parameters of the state change's own columns from {@code first}; returns the next index. */
        int bind(PreparedStatement ps, int first) throws SQLException;
    }

    /**
     * Moves a RUNNING trial to {@code state}, setting {@code columns} too, and its param rows with it. The update's
     * own condition (still RUNNING) takes the row lock and checks the state in one go; when it finds nothing,
     * {@link #lockRunning} says why. On PostgreSQL, without a re-queue, that is one statement in auto-commit (one round
     * trip instead of four); a re-queue allocates a number under the campaign lock, so it takes a transaction.
     */
    private void finishRunning(long trialId, String label, TrialState state, String columns, Bind bind,
                               boolean requeue, String reason) {
        String update = "UPDATE trial SET state = ?, rank_class = ?, finished_at = CURRENT_TIMESTAMP, "
                + "changed_at = CURRENT_TIMESTAMP, " + columns + " WHERE id = ? AND state = 'RUNNING'";
        Jdbc.SqlWork<Optional<Boolean>> landed = c -> finishedAs(c, trialId, state, reason);
        if (db.dialect().writingWith() && !requeue) {
            db.single(c -> {
                try (PreparedStatement ps = c.prepareStatement("WITH done AS (" + update + " RETURNING id), params AS "
                        + "(UPDATE trial_param SET state = ?, rank_class = ? WHERE trial_id = (SELECT id FROM done)) "
                        + "SELECT id FROM done")) {
                    int i = bindFinish(ps, state, bind, trialId);
                    ps.setString(i++, state.name());
                    ps.setInt(i, SortKey.rankClass(state));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) lockRunning(c, trialId, label);
                    }
                }
                return true;
            }, landed);
            return;
        }
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(update)) {
                bindFinish(ps, state, bind, trialId);
                if (ps.executeUpdate() != 1) lockRunning(c, trialId, label);
            }
            syncParamState(c, trialId, state);
            if (requeue) requeue(c, trialId);
            return true;
        }, landed);
    }

    private static int bindFinish(PreparedStatement ps, TrialState state, Bind bind, long trialId)
            throws SQLException {
        ps.setString(1, state.name());
        ps.setInt(2, SortKey.rankClass(state));
        int i = bind.bind(ps, 3);
        ps.setLong(i, trialId);
        return i + 1;
    }

    /**
     * Whether a state change whose COMMIT lost its answer landed: the trial is in the state it set (with its
     * reason; only the trial's own handle completes or prunes it, and a reclaim gives another reason).
     */
    private static Optional<Boolean> finishedAs(Connection c, long trialId, TrialState state, String reason)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state, failure_reason FROM trial WHERE id = ?")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                boolean landed = rs.next() && rs.getString(1).equals(state.name())
                        && Objects.equals(rs.getString(2), reason);
                return landed ? Optional.of(true) : Optional.empty();
            }
        }
    }

    /** PRUNED or FAILED; with {@code requeue}, a WAITING copy takes its place in the same transaction. */
    void finish(long trialId, String label, TrialState state, Integer prunedEpoch, String reason, String stack,
                boolean requeue) {
        String kept = Jdbc.truncate(reason, 4000);
        finishRunning(trialId, label, state, "pruned_epoch = ?, failure_reason = ?, failure_stack = ?", (ps, i) -> {
            Jdbc.setInt(ps, i, prunedEpoch);
            ps.setString(i + 1, kept);
            ps.setString(i + 2, stack);
            return i + 3;
        }, requeue, kept);
    }

    List<Trial> reclaimStale(Duration grace, boolean requeue) {
        String stale = db.dialect().olderThanMillis("heartbeat_at");
        List<Long> candidates = db.read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM trial WHERE state = 'RUNNING' AND " + stale + " ORDER BY id")) {
                ps.setLong(1, grace.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
        List<Trial> lost = new ArrayList<>();
        for (long id : candidates) {
            // re-checked in the update: a heartbeat that arrived meanwhile keeps the trial alive; a row another
            // session holds locked is skipped (tried again on a later step) rather than waited for
            Trial t = db.tx(c -> {
                String row = "id = ? AND state = 'RUNNING' AND " + stale;
                try (PreparedStatement ps = c.prepareStatement("UPDATE trial SET state = 'FAILED', rank_class = ?, "
                        + "failure_reason = ?, finished_at = CURRENT_TIMESTAMP, changed_at = CURRENT_TIMESTAMP WHERE "
                        + (db.dialect().skipLocked()
                        ? "id = (SELECT id FROM trial WHERE " + row + " FOR UPDATE SKIP LOCKED)" : row))) {
                    ps.setInt(1, SortKey.rankClass(TrialState.FAILED));
                    ps.setString(2, StoreErrors.WORKER_LOST);
                    ps.setLong(3, id);
                    ps.setLong(4, grace.toMillis());
                    if (ps.executeUpdate() != 1) return null;
                }
                syncParamState(c, id, TrialState.FAILED);
                if (requeue) requeue(c, id);
                return TrialReads.byId(c, id);
            });
            if (t != null) lost.add(t);
        }
        return lost;
    }
}
