package dev.lstmtuner.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * The coordinator's lease on its campaign in a JDBC store: one row per campaign, taken, renewed and released by
 * conditional updates, judged by the database clock so that machines with skewed clocks agree.
 */
final class JdbcLeases {
    private final Jdbc db;

    JdbcLeases(Jdbc db) {
        this.db = db;
    }

    /**
     * Takes or renews the lease in one conditional update (rowcount 1 = held), by the database clock. Where the
     * database skips locked rows, a lease row another session holds locked is not waited for: the lease is then
     * held if it still names this holder and has not expired (renewed on the next try).
     */
    boolean holdLease(String campaign, String holder, Duration ttl) {
        return db.tx(c -> {
            long id = JdbcCampaigns.require(c, campaign).id();
            String row = db.dialect().skipLocked()
                    ? "campaign_id = (SELECT campaign_id FROM coordinator_lease WHERE campaign_id = ? FOR UPDATE SKIP LOCKED)"
                    : "campaign_id = ?";
            try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator_lease SET "
                    + "acquired_at = CASE WHEN holder = ? THEN acquired_at ELSE CURRENT_TIMESTAMP END, holder = ?, "
                    + "expires_at = " + db.dialect().nowPlusMillis() + " WHERE " + row
                    + " AND (holder IS NULL OR holder = ? OR expires_at < CURRENT_TIMESTAMP)")) {
                ps.setString(1, holder);
                ps.setString(2, holder);
                ps.setLong(3, ttl.toMillis());
                ps.setLong(4, id);
                ps.setString(5, holder);
                if (ps.executeUpdate() == 1) return true;
            }
            if (!db.dialect().skipLocked()) return false;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM coordinator_lease WHERE campaign_id = ? "
                    + "AND holder = ? AND expires_at >= CURRENT_TIMESTAMP")) {
                ps.setLong(1, id);
                ps.setString(2, holder);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    void releaseLease(String campaign, String holder) {
        db.tx(c -> {
            long id = JdbcCampaigns.require(c, campaign).id();
            try (PreparedStatement ps = c.prepareStatement("UPDATE coordinator_lease SET holder = NULL, "
                    + "expires_at = NULL, acquired_at = NULL WHERE campaign_id = ? AND holder = ?")) {
                ps.setLong(1, id);
                ps.setString(2, holder);
                ps.executeUpdate();
            }
            return null;
        });
    }

    Lease lease(String campaign) {
        return db.read(c -> {
            long id = JdbcCampaigns.require(c, campaign).id();
            try (PreparedStatement ps = c.prepareStatement("SELECT holder, expires_at, CASE WHEN holder IS NOT NULL "
                    + "AND expires_at >= CURRENT_TIMESTAMP THEN 1 ELSE 0 END AS live FROM coordinator_lease "
                    + "WHERE campaign_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return new Lease(campaign, null, null, false);
                    return new Lease(campaign, rs.getString("holder"), Rows.instant(rs, "expires_at"),
                            rs.getInt("live") == 1);
                }
            }
        });
    }
}
