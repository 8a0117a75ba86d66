package dev.lstmtuner.bench;

import dev.lstmtuner.store.StoreFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Seeds the campaign "bench" with {@code trials} finished trials of {@code epochs} epochs each in a handful of
 * set-based statements (INSERT ... SELECT over generate_series / SYSTEM_RANGE): no row crosses the wire, so a
 * million trials take a minute or two on PostgreSQL instead of the quarter hour a batched insert from Java takes.
 * Values are deterministic functions of the trial number (no random(), which both databases spell differently):
 * 80 % COMPLETE, 12 % PRUNED, 8 % FAILED, none RUNNING (a campaign of a million trials has a few dozen running,
 * not the thousands a share of the whole would give, and each of those the coordinator would queue a trial for).
 * The only param is learning_rate, as in QueueBench's space.
 */
final class QueueSeed {
    private QueueSeed() {
    }

    static void seed(String url, int trials, int epochs) throws SQLException {
        boolean h2 = url.startsWith("jdbc:h2:");
        long t0 = System.nanoTime();
        try (Connection c = h2 ? DriverManager.getConnection(url + ";ANALYZE_AUTO=0", StoreFactory.user(url),
                StoreFactory.password(url)) : DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            long campaignId;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id FROM campaign WHERE name = 'bench'")) {
                rs.next();
                campaignId = rs.getLong(1);
            }
            String range = h2 ? "SYSTEM_RANGE(1, " + trials + ") g(x)" : "generate_series(1, " + trials + ") AS g(x)";
            // u: the state's draw; a: learning_rate's; b: val_rmse's (multiplicative hashes of the number)
            String u = "(MOD(CAST(g.x AS BIGINT) * 7919, 1000) / CAST(1000 AS DOUBLE PRECISION))";
            String lr = "POWER(10, -5 + 3 * MOD(CAST(g.x AS BIGINT) * 104729, 10007) / CAST(10007 AS DOUBLE PRECISION))";
            String v = "(20 + 30 * MOD(CAST(g.x AS BIGINT) * 15485863, 9973) / CAST(9973 AS DOUBLE PRECISION))";
            String state = "CASE WHEN " + u + " < 0.80 THEN 'COMPLETE' WHEN " + u + " < 0.92 THEN 'PRUNED' "
                    + "ELSE 'FAILED' END";
            String rank = "CASE WHEN " + u + " < 0.80 THEN 0 WHEN " + u + " < 0.92 THEN 1 ELSE 2 END";
            String done = u + " < 0.80";
            String metric = "CASE WHEN " + done + " THEN %s END";
            String sql = "INSERT INTO trial (id, campaign_id, number, state, rank_class, params_json, worker, device, "
                    + "started_at, finished_at, heartbeat_at, changed_at, objective, has_metrics, test_mae, test_rmse, "
                    + "test_mape, test_r2, direction_accuracy, persistence_rmse, skill, best_val_rmse, params_count, "
                    + "epochs, best_epoch, training_seconds, test_windows, pruned_epoch, failure_reason) "
                    + "SELECT 1000000 + g.x, " + campaignId + ", g.x, " + state + ", " + rank + ", "
                    + "'{\"learning_rate\":' || CAST(" + lr + " AS VARCHAR(40)) || '}', 'bench', 'cpu', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                    + String.format(Locale.ROOT, metric, v) + ", " + done + ", "
                    + String.format(Locale.ROOT, metric, v + " * 0.7") + ", "
                    + String.format(Locale.ROOT, metric, v + " * 1.1") + ", "
                    + String.format(Locale.ROOT, metric, "0.4") + ", " + String.format(Locale.ROOT, metric, "0.9") + ", "
                    + String.format(Locale.ROOT, metric, "0.52") + ", "
                    + String.format(Locale.ROOT, metric, v + " * 1.15") + ", "
                    + String.format(Locale.ROOT, metric, "0.03") + ", " + String.format(Locale.ROOT, metric, v) + ", "
                    + String.format(Locale.ROOT, metric, "1000") + ", "
                    + String.format(Locale.ROOT, metric, String.valueOf(epochs)) + ", "
                    + String.format(Locale.ROOT, metric, String.valueOf(epochs)) + ", "
                    + String.format(Locale.ROOT, metric, "60") + ", " + String.format(Locale.ROOT, metric, "400") + ", "
                    + "CASE WHEN " + rank + " = 1 THEN " + Math.max(1, epochs / 2) + " END, "
                    + "CASE WHEN " + rank + " = 2 THEN 'loss became NaN' END FROM " + range;
            long n = update(c, sql);
            long t1 = System.nanoTime();
            // the param rows again from the same hash of the number (number = id - 1,000,000 here)
            update(c, "INSERT INTO trial_param (trial_id, campaign_id, name, num_value, str_value, state, rank_class) "
                    + "SELECT t.id, t.campaign_id, 'learning_rate', "
                    + lr.replace("g.x", "t.number") + ", NULL, t.state, t.rank_class FROM trial t "
                    + "WHERE t.campaign_id = " + campaignId);
            update(c, h2 ? "MERGE INTO campaign_param (campaign_id, name) KEY (campaign_id, name) VALUES ("
                    + campaignId + ", 'learning_rate')" : "INSERT INTO campaign_param (campaign_id, name) VALUES ("
                    + campaignId + ", 'learning_rate') ON CONFLICT DO NOTHING");
            long t2 = System.nanoTime();
            update(c, "INSERT INTO epoch_metric (trial_id, campaign_id, epoch, train_loss, val_loss, val_rmse, "
                    + "duration_ms) SELECT t.id, t.campaign_id, e.x, CAST(1 AS DOUBLE PRECISION) / e.x, "
                    + "CAST(1.1 AS DOUBLE PRECISION) / e.x, COALESCE(t.best_val_rmse, 35e0) * (1 + "
                    + "CAST(2 AS DOUBLE PRECISION) / e.x), 900 FROM trial t CROSS JOIN "
                    + (h2 ? "SYSTEM_RANGE(1, " + epochs + ") e(x)" : "generate_series(1, " + epochs + ") AS e(x)")
                    + " WHERE t.campaign_id = " + campaignId);
            long t3 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign SET next_number = ? WHERE id = ?")) {
                ps.setInt(1, trials + 1);
                ps.setLong(2, campaignId);
                ps.executeUpdate();
            }
            c.commit();
            update(c, "ANALYZE");
            c.commit();
            System.out.printf(Locale.ROOT, "  seeded %,d trials through SQL in %.1f s (trials %.1f s, params %.1f s, "
                    + "epochs %.1f s, analyze %.1f s)%n", n, (System.nanoTime() - t0) / 1e9, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t3) / 1e9);
        }
    }

    private static long update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeLargeUpdate(sql);
        }
    }
}
