package dev.lstmtuner.store;

import dev.lstmtuner.result.TrialState;

import java.sql.PreparedStatement;

/** Steering writes: pause and continue a campaign, cancel a trial, change a campaign's stored budget. */
final class JdbcSteering {
    private final Jdbc db;

    JdbcSteering(Jdbc db) {
        this.db = db;
    }

    boolean pause(String name, boolean paused) {
        return db.tx(c -> {
            JdbcCampaigns.require(c, name);
            try (PreparedStatement ps = c.prepareStatement(paused
                    ? "UPDATE campaign SET paused_at = CURRENT_TIMESTAMP WHERE name = ? AND paused_at IS NULL"
                    : "UPDATE campaign SET paused_at = NULL WHERE name = ? AND paused_at IS NOT NULL")) {
                ps.setString(1, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** One conditional update, as a claim: a worker's write that holds the row lock first finishes before it. */
    boolean cancel(long trialId, String reason) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trial SET state = 'CANCELLED', rank_class = ?, "
                    + "finished_at = CURRENT_TIMESTAMP, changed_at = CURRENT_TIMESTAMP, failure_reason = ? "
                    + "WHERE id = ? AND state IN ('WAITING', 'RUNNING')")) {
                ps.setInt(1, SortKey.rankClass(TrialState.CANCELLED));
                ps.setString(2, Jdbc.truncate(reason, 4000));
                ps.setLong(3, trialId);
                if (ps.executeUpdate() != 1) return false;
            }
            TrialQueue.syncParamState(c, trialId, TrialState.CANCELLED);
            return true;
        });
    }

    void changeSettings(String name, String settingsJson, Integer budget) {
        db.tx(c -> {
            JdbcCampaigns.require(c, name);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE campaign SET settings_json = ?, budget = ? WHERE name = ?")) {
                ps.setString(1, settingsJson);
                Jdbc.setInt(ps, 2, budget);
                ps.setString(3, name);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
