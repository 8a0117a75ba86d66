package dev.lstmtuner.store;

import dev.lstmtuner.result.LockboxScore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Lockbox openings (schema V8). */
final class JdbcLockbox {
    private static final String SELECT = "SELECT l.id, c.name, l.trial_id, l.kind, l.reopening, l.score_json,"
            + " l.opened_at FROM lockbox_opening l JOIN campaign c ON c.id = l.campaign_id";
    private final Jdbc db;

    JdbcLockbox(Jdbc db) {
        this.db = db;
    }

    LockboxOpening add(String campaign, Long trialId, LockboxOpening.Kind kind, boolean reopening, LockboxScore score) {
        return db.tx(c -> {
            long campaignId = JdbcCampaigns.require(c, campaign).id();
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO lockbox_opening (campaign_id, trial_id, kind,"
                    + " reopening, score_json) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, campaignId);
                Jdbc.setLong(ps, 2, trialId);
                ps.setString(3, kind.name());
                ps.setBoolean(4, reopening);
                ps.setString(5, LockboxJson.write(score));
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE l.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return opening(rs);
                }
            }
        });
    }

    List<LockboxOpening> list(String campaign) {
        return db.read(c -> {
            long campaignId = JdbcCampaigns.require(c, campaign).id();
            List<LockboxOpening> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE l.campaign_id = ? ORDER BY l.id")) {
                ps.setLong(1, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(opening(rs));
                }
            }
            return out;
        });
    }

    private static LockboxOpening opening(ResultSet rs) throws SQLException {
        long trial = rs.getLong(3);
        Long trialId = rs.wasNull() ? null : trial;
        return new LockboxOpening(rs.getLong(1), rs.getString(2), trialId,
                LockboxOpening.Kind.valueOf(rs.getString(4)), rs.getBoolean(5), LockboxJson.read(rs.getString(6)),
                Rows.instant(rs, "opened_at"));
    }

    /** A lockbox score as stored: JSON text, null for a RESUME opening. */
    static final class LockboxJson {
        private static final JsonMapper MAPPER = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();

        private LockboxJson() {
        }

        static String write(LockboxScore s) {
            if (s == null) return null;
            try {
                return MAPPER.writeValueAsString(s);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a lockbox score cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }

        static LockboxScore read(String json) {
            if (json == null) return null;
            try {
                return MAPPER.readValue(json, LockboxScore.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored lockbox score is not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
