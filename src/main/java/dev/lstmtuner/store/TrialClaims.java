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
    /** The lowest WAITING trial of the campaign named by the parameter, unless the campaign is paused. */
    private static final String NEXT_OF_CAMPAIGN = "SELECT id FROM trial WHERE campaign_id = (SELECT id FROM campaign "
            + "WHERE name = ? AND paused_at IS NULL) AND state = 'WAITING' ORDER BY campaign_id, state, number LIMIT 1";
    private static final String NEXT_OF_ANY = "SELECT t.id FROM trial t JOIN campaign c ON c.id = t.campaign_id "
            + "WHERE t.state = 'WAITING' AND c.ended_at IS NULL AND c.paused_at IS NULL ORDER BY t.id LIMIT 1";

    @FunctionalInterface
    private interface Bind {
        /** Binds the parameters of the statement that picks the trial from {@code first}; returns the next index. */
        int bind(PreparedStatement ps, int first) throws SQLException;
    }

    private final Jdbc db;
    private final TrialQueue queue;
    private final JdbcStore store;

    TrialClaims(Jdbc db, TrialQueue queue, JdbcStore store) {
        this.db = db;
        this.queue = queue;
        this.store = store;
    }

    Optional<TrialHandle> claim(long trialId, String worker, String device) {
        // the row's own condition, which the database checks again on the row it locked: claimed once
        String mine = "id = ? AND state = 'WAITING'";
        if (db.dialect().writingWith()) {
            return claimInOne(mine, (ps, i) -> {
                ps.setLong(i, trialId);
                return i + 1;
            }, worker, device);
        }
        String token = UUID.randomUUID().toString();
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE trial SET " + CLAIM_SET + " WHERE " + mine)) {
                ps.setLong(bindClaim(ps, worker, device, token), trialId);
                if (ps.executeUpdate() != 1) return Optional.<TrialHandle>empty();
            }
            TrialQueue.syncParamState(c, trialId, TrialState.RUNNING);
            return Optional.of(handle(TrialReads.byId(c, trialId)));
        }, c -> claimedBefore(c, token));
    }

    Optional<TrialHandle> claimNext(String campaign, String worker, String device) {
        if (db.dialect().skipLocked() && db.dialect().writingWith()) {
            Optional<TrialHandle> h = claimInOne("id = (" + NEXT_OF_CAMPAIGN + " FOR UPDATE SKIP LOCKED)",
                    ofCampaign(campaign), worker, device);
            // nothing to claim: an unknown campaign is an error, a paused or drained one is not
            if (h.isEmpty()) db.read(c -> JdbcCampaigns.require(c, campaign));
            return h;
        }
        // losing a race for the lowest WAITING trial just means trying the next one
        while (true) {
            Long candidate = candidate(NEXT_OF_CAMPAIGN, ofCampaign(campaign));
            if (candidate == null) {
                db.read(c -> JdbcCampaigns.require(c, campaign));
                return Optional.empty();
            }
            Optional<TrialHandle> h = claim(candidate, worker, device);
            if (h.isPresent()) return h;
        }
    }

    Optional<TrialHandle> claimAny(String worker, String device) {
        if (db.dialect().skipLocked() && db.dialect().writingWith()) {
            return claimInOne("id = (" + NEXT_OF_ANY + " FOR UPDATE OF t SKIP LOCKED)", (ps, i) -> i, worker, device);
        }
        while (true) {
            Long candidate = candidate(NEXT_OF_ANY, (ps, i) -> i);
            if (candidate == null) return Optional.empty();
            Optional<TrialHandle> h = claim(candidate, worker, device);
            if (h.isPresent()) return h;
        }
    }

    private static Bind ofCampaign(String campaign) {
        return (ps, i) -> {
            ps.setString(i, campaign);
            return i + 1;
        };
    }

    private Long candidate(String pick, Bind bind) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(pick)) {
                bind.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
    }

    /**
     * Claims the trial {@code where} selects, if any, with a token of its own: the claim, the state of its param
     * rows and the read of the claimed trial in one statement, so one round trip and no COMMIT.
     */
    private Optional<TrialHandle> claimInOne(String where, Bind bind, String worker, String device) {
        String token = UUID.randomUUID().toString();
        return db.single(c -> {
            try (PreparedStatement ps = c.prepareStatement("WITH claimed AS (UPDATE trial SET " + CLAIM_SET
                    + " WHERE " + where + " RETURNING *), params AS (UPDATE trial_param SET state = 'RUNNING', "
                    + "rank_class = ? WHERE trial_id = (SELECT id FROM claimed)) "
                    + "SELECT " + Rows.TRIAL_COLUMNS + " FROM claimed t JOIN campaign c ON c.id = t.campaign_id")) {
                ps.setInt(bind.bind(ps, bindClaim(ps, worker, device, token)), SortKey.rankClass(TrialState.RUNNING));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(handle(Rows.trial(rs))) : Optional.<TrialHandle>empty();
                }
            }
        }, c -> claimedBefore(c, token));
    }

    /** The trial a claim whose COMMIT lost its answer took, if it landed (and the trial is still its own). */
    private Optional<Optional<TrialHandle>> claimedBefore(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Rows.SELECT_TRIAL
                + " WHERE t.claim_token = ? AND t.state = 'RUNNING'")) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Optional.of(handle(Rows.trial(rs)))) : Optional.empty();
            }
        }
    }

    /** Binds the claim's own parameters; returns the index of the next one. */
    private static int bindClaim(PreparedStatement ps, String worker, String device, String token)
            throws SQLException {
        ps.setInt(1, SortKey.rankClass(TrialState.RUNNING));
        ps.setString(2, worker);
        ps.setString(3, device);
        ps.setString(4, token);
        return 5;
    }

    private TrialHandle handle(Trial claimed) {
        return new JdbcTrialHandle(db, queue, store, claimed);
    }
}
