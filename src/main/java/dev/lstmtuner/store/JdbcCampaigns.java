package dev.lstmtuner.store;

import dev.lstmtuner.result.TrialState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Campaign rows: create, look up, list with counts, end, reopen, delete. */
final class JdbcCampaigns {
    private final Jdbc db;

    JdbcCampaigns(Jdbc db) {
        this.db = db;
    }

    Campaign create(CampaignSpec s) {
        return db.tx(c -> {
            if (find(c, s.name()) != null) throw StoreErrors.campaignExists(s.name());
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaign (name, config_json, space_json, "
                    + "sampler, pruner, budget, objective, direction, settings_json, group_name) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, s.name());
                ps.setString(2, s.configJson());
                ps.setString(3, s.spaceJson());
                ps.setString(4, s.sampler());
                ps.setString(5, s.pruner());
                Jdbc.setInt(ps, 6, s.budget());
                ps.setString(7, s.objective().key());
                ps.setString(8, s.direction().name());
                ps.setString(9, s.settingsJson());
                ps.setString(10, s.groupName());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO coordinator_lease (campaign_id) VALUES (?)")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return byId(c, id);
        });
    }

    static Campaign find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Rows.SELECT_CAMPAIGN + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Rows.campaign(rs) : null;
            }
        }
    }

    static Campaign byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Rows.SELECT_CAMPAIGN + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Rows.campaign(rs);
            }
        }
    }

    /** The campaign, or the "no campaign named" error. */
    static Campaign require(Connection c, String name) throws SQLException {
        Campaign found = find(c, name);
        if (found == null) throw StoreErrors.noCampaign(name);
        return found;
    }

    List<CampaignSummary> summaries() {
        return db.read(c -> {
            List<Campaign> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(Rows.SELECT_CAMPAIGN + " ORDER BY created_at DESC, id DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) all.add(Rows.campaign(rs));
            }
            Map<Long, Map<TrialState, Long>> counts = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT campaign_id, state, COUNT(*) AS n FROM trial GROUP BY campaign_id, state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getLong("campaign_id"), k -> TrialReads.zeroCounts())
                            .put(TrialState.valueOf(rs.getString("state")), rs.getLong("n"));
                }
            }
            List<CampaignSummary> out = new ArrayList<>();
            for (Campaign camp : all) {
                out.add(new CampaignSummary(camp, counts.getOrDefault(camp.id(), TrialReads.zeroCounts()),
                        TrialReads.best(c, camp)));
            }
            return out;
        });
    }

    void end(String name, String reason) {
        db.tx(c -> {
            require(c, name);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE campaign SET ended_at = CURRENT_TIMESTAMP, end_reason = ? WHERE name = ?")) {
                ps.setString(1, Jdbc.truncate(reason, 4000));
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    void reopen(String name) {
        db.tx(c -> {
            require(c, name);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE campaign SET ended_at = NULL, end_reason = NULL WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    int delete(String name) {
        return db.tx(c -> {
            long id = require(c, name).id();
            int trials;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM trial WHERE campaign_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    trials = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM campaign WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return trials;
        });
    }
}
