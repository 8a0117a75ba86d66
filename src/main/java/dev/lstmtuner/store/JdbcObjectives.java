package dev.lstmtuner.store;

import dev.lstmtuner.result.Objective;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The trial_objective rows: each COMPLETE trial's value of each objective-capable metric (schema version 11). */
final class JdbcObjectives {
    private final Jdbc db;

    JdbcObjectives(Jdbc db) {
        this.db = db;
    }

    /** Writes the values in the caller's transaction (a NaN or null value is kept as NULL). */
    static void write(Connection c, long trialId, Map<Objective, Double> values) throws SQLException {
        if (values.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO trial_objective (trial_id, objective, val) VALUES (?, ?, ?)")) {
            for (Map.Entry<Objective, Double> e : values.entrySet()) {
                ps.setLong(1, trialId);
                ps.setString(2, e.getKey().key());
                Double v = e.getValue();
                Jdbc.setDouble(ps, 3, v == null || v.isNaN() ? null : v);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Map<Long, Map<Objective, Double>> read(Collection<Long> trialIds) {
        Map<Long, Map<Objective, Double>> out = new LinkedHashMap<>();
        if (trialIds.isEmpty()) return out;
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT trial_id, objective, val FROM trial_objective WHERE trial_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("BIGINT", trialIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // a metric a newer version added is skipped by this one, not an error
                        var o = Objective.byKey(rs.getString("objective"));
                        if (o.isEmpty()) continue;
                        double v = rs.getDouble("val");
                        Double value = rs.wasNull() ? null : v; // before any other column is read
                        out.computeIfAbsent(rs.getLong("trial_id"), k -> new EnumMap<>(Objective.class)).put(o.get(), value);
                    }
                }
            }
            return out;
        });
    }
}
