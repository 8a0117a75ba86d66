package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Note and tag rows (schema V4). */
final class JdbcNotes {
    private static final String SELECT = "SELECT n.id, c.name, n.trial_id, n.kind, n.body, n.created_at FROM note n"
            + " JOIN campaign c ON c.id = n.campaign_id";
    private final Jdbc db;

    JdbcNotes(Jdbc db) {
        this.db = db;
    }

    Note add(String campaign, Long trialId, Note.Kind kind, String text) {
        String body = Note.check(kind, text);
        return db.tx(c -> {
            long campaignId = JdbcCampaigns.require(c, campaign).id();
            if (trialId != null) requireTrialOf(c, campaign, campaignId, trialId);
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO note (campaign_id, trial_id, kind, body)"
                    + " VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, campaignId);
                Jdbc.setLong(ps, 2, trialId);
                ps.setString(3, kind.name());
                ps.setString(4, body);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE n.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return note(rs);
                }
            }
        });
    }

    private static void requireTrialOf(Connection c, String campaign, long campaignId, long trialId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT campaign_id FROM trial WHERE id = ?")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != campaignId) {
                    throw new BadInputException("campaign '" + campaign + "' has no trial with id " + trialId);
                }
            }
        }
    }

    List<Note> list(String campaign) {
        return db.read(c -> {
            long campaignId = JdbcCampaigns.require(c, campaign).id();
            List<Note> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE n.campaign_id = ? ORDER BY n.id")) {
                ps.setLong(1, campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(note(rs));
                }
            }
            return out;
        });
    }

    boolean delete(long id) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM note WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static Note note(ResultSet rs) throws SQLException {
        long trial = rs.getLong(3);
        Long trialId = rs.wasNull() ? null : trial;
        return new Note(rs.getLong(1), rs.getString(2), trialId, Note.Kind.valueOf(rs.getString(4)), rs.getString(5),
                Rows.instant(rs, "created_at"));
    }
}
