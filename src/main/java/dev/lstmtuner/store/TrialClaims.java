package dev.lstmtuner.store;

import dev.lstmtuner.result.TrialState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Claims of WAITING trials: one conditional update, rowcount 1 wins; with {@code FOR UPDATE SKIP LOCKED} where the
 * database has it, so concurrent claimers take different rows without waiting. Each claim writes a token of its
 * own, which the retry of a claim whose COMMIT lost its answer looks for, so a trial is claimed exactly once.
 */
final class TrialClaims {
    private static final String CLAIM_SET = "state = 'RUNNING', rank_class = ?, worker = ?, device = ?, "
            + "claim_token = ?, started_at = CURRENT_TIMESTAMP, heartbeat_at = CURRENT_TIMESTAMP, "
            + "changed_at = CURRENT_TIMESTAMP";

    private final Jdbc db;
    private final TrialQueue queue;
    private final JdbcStore store;

    TrialClaims(Jdbc db, TrialQueue queue, JdbcStore store) {
        this.db = db;
        this.queue = queue;
        this.store = store;
    }

    Optional<TrialHandle> claim(long trialId, String worker, String device) {
        String token = UUID.randomUUID().toString();
        return db.tx(c -> {
            int won;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE trial SET " + CLAIM_SET + " WHERE id = ? AND state = 'WAITING'")) {
                bindClaim(ps, worker, device, token);
                ps.setLong(5, trialId);
                won = ps.executeUpdate();
            }
            return won == 1 ? Optional.of(claimed(c, trialId)) : Optional.<TrialHandle>empty();
        }, c -> claimedBefore(c, token));
    }

    /** The trial a claim whose COMMIT lost its answer took, if it landed (and the trial is still its own). */
    private Optional<Optional<TrialHandle>> claimedBefore(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM trial WHERE claim_token = ? AND state = 'RUNNING'")) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(Optional.of(claimed(c, rs.getLong(1))));
            }
        }
    }

    Optional<TrialHandle> claimNext(String campaign, String worker, String device) {
        if (db.dialect().skipLocked()) {
            String token = UUID.randomUUID().toString();
            // the campaign's id in the claim's own transaction: one connection and round trip fewer per claim
            return db.tx(c -> {
                Campaign found = JdbcCampaigns.require(c, campaign);
                if (found.paused()) return Optional.<TrialHandle>empty();
                long campaignId = found.id();
                Long id;
                try (PreparedStatement ps = c.prepareStatement("UPDATE trial SET " + CLAIM_SET + " WHERE id = ("
                        + "SELECT id FROM trial WHERE campaign_id = ? AND state = 'WAITING' "
                        + "ORDER BY campaign_id, state, number LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id")) {
                    bindClaim(ps, worker, device, token);
                    ps.setLong(5, campaignId);
                    try (ResultSet rs = ps.executeQuery()) {
                        id = rs.next() ? rs.getLong(1) : null;
                    }
                }
                return id == null ? Optional.<TrialHandle>empty() : Optional.of(claimed(c, id));
            }, c -> claimedBefore(c, token));
        }
        Campaign found = db.read(c -> JdbcCampaigns.require(c, campaign));
        if (found.paused()) return Optional.empty();
        long campaignId = found.id();
        // losing a race for the lowest WAITING trial just means trying the next one
        while (true) {
            Long candidate = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM trial WHERE campaign_id = ? "
                        + "AND state = 'WAITING' ORDER BY campaign_id, state, number LIMIT 1")) {
                    ps.setLong(1, campaignId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : null;
                    }
                }
            });
            if (candidate == null) return Optional.empty();
            Optional<TrialHandle> h = claim(candidate, worker, device);
            if (h.isPresent()) return h;
        }
    }

    Optional<TrialHandle> claimAny(String worker, String device) {
        String open = "SELECT t.id FROM trial t JOIN campaign c ON c.id = t.campaign_id WHERE t.state = 'WAITING' "
                + "AND c.ended_at IS NULL AND c.paused_at IS NULL ORDER BY t.id LIMIT 1";
        if (db.dialect().skipLocked()) {
            String token = UUID.randomUUID().toString();
            return db.tx(c -> {
                Long id;
                try (PreparedStatement ps = c.prepareStatement("UPDATE trial SET " + CLAIM_SET + " WHERE id = ("
                        + open + " FOR UPDATE OF t SKIP LOCKED) RETURNING id")) {
                    bindClaim(ps, worker, device, token);
                    try (ResultSet rs = ps.executeQuery()) {
                        id = rs.next() ? rs.getLong(1) : null;
                    }
                }
                return id == null ? Optional.<TrialHandle>empty() : Optional.of(claimed(c, id));
            }, c -> claimedBefore(c, token));
        }
        while (true) {
            Long candidate = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement(open); ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            });
            if (candidate == null) return Optional.empty();
            Optional<TrialHandle> h = claim(candidate, worker, device);
            if (h.isPresent()) return h;
        }
    }

    private static void bindClaim(PreparedStatement ps, String worker, String device, String token)
            throws SQLException {
        ps.setInt(1, SortKey.rankClass(TrialState.RUNNING));
        ps.setString(2, worker);
        ps.setString(3, device);
        ps.setString(4, token);
    }

    private TrialHandle claimed(Connection c, long trialId) throws SQLException {
        TrialQueue.syncParamState(c, trialId, TrialState.RUNNING);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT t.number, c.name, t.campaign_id" + Rows.TRIAL_FROM + " WHERE t.id = ?")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new JdbcTrialHandle(db, queue, store, trialId, rs.getInt(1), rs.getString(2), rs.getLong(3));
            }
        }
    }
}
