package dev.lstmtuner.bench;

import dev.lstmtuner.store.StoreFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seeds the campaign "bench" with {@code trials} finished trials of {@code epochs} epochs each in a handful of
 * set-based statements (INSERT ... SELECT over generate_series / SYSTEM_RANGE): no row crosses the wire, so a
 * million trials take a minute or two on PostgreSQL instead of the quarter hour a batched insert from Java takes.
 * Values are deterministic functions of the trial number (no random(), which both databases spell differently):
 * 80 % COMPLETE, 12 % PRUNED, 8 % FAILED, none RUNNING (a campaign of a million trials has a few dozen running,
 * not the thousands a share of the whole would give, and each of those the coordinator would queue a trial for).
 * Every metric varies from trial to trial (each its own hash), so that every sort key orders a different listing;
 * the persistence baseline takes one of three values, as over a few lookbacks. No predictions artifacts.
 * {@link Space#QUEUE}: learning_rate only, as in QueueBench's space; {@link Space#LEADERBOARD}: the five params of
 * the tutorial space (learning_rate, batch_size, units, dropout, layer_impl), numbers and text to sort by.
 */
final class QueueSeed {
    /** Trials a transaction. */
    private static final int CHUNK = 10_000;

    private QueueSeed() {
    }

    /** The params seeded: each a name and its value as SQL over the trial number (the placeholder {@code {n}}). */
    enum Space {
        QUEUE(List.of(Param.LEARNING_RATE)),
        LEADERBOARD(List.of(Param.LEARNING_RATE, Param.BATCH_SIZE, Param.UNITS, Param.DROPOUT, Param.LAYER_IMPL));

        final List<Param> params;

        Space(List<Param> params) {
            this.params = params;
        }
    }

    /** A param's numeric value or its text (one of them null), and its JSON, as SQL over the number. */
    private enum Param {
        LEARNING_RATE("POWER(10, -5 + 3 * " + hash("{n}", 104729, 10007) + ")", null),
        BATCH_SIZE("CAST(16 * POWER(2, MOD(CAST({n} AS BIGINT) * 31, 5)) AS DOUBLE PRECISION)", null),
        UNITS(null, "'[' || CAST(16 * POWER(2, MOD(CAST({n} AS BIGINT) * 17, 4)) AS INT) || ',' "
                + "|| CAST(8 * POWER(2, MOD(CAST({n} AS BIGINT) * 17, 4)) AS INT) || ']'"),
        DROPOUT("0.5 * " + hash("{n}", 2654435761L, 1009), null),
        LAYER_IMPL(null, "CASE WHEN MOD(CAST({n} AS BIGINT) * 13, 2) = 0 THEN 'fast' ELSE 'stock' END");

        final String num;
        final String text;

        Param(String num, String text) {
            this.num = num;
            this.text = text;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The "key":value pair of params_json; integral numbers written as integers, as a sampler's would be. */
        String json(String n) {
            String value = text == null ? (this == BATCH_SIZE ? "CAST(CAST(" + num + " AS INT) AS VARCHAR(12))"
                    : "CAST(" + num + " AS VARCHAR(40))")
                    : this == UNITS ? text : "'\"' || " + text + " || '\"'";
            return "'\"" + key() + "\":' || " + value.replace("{n}", n);
        }

        String num(String n) {
            return num == null ? "NULL" : num.replace("{n}", n);
        }

        String text(String n) {
            return text == null ? "NULL" : text.replace("{n}", n);
        }
    }

    static void seed(String url, int trials, int epochs) throws SQLException {
        seed(url, trials, epochs, Space.QUEUE);
    }

    static void seed(String url, int trials, int epochs, Space space) throws SQLException {
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
            // u: the state's draw; v: val_rmse's; every other metric a hash of its own around it
            String u = hash("g.x", 7919, 1000);
            String v = "(20 + 30 * " + hash("g.x", 15485863, 9973) + ")";
            String testRmse = v + " * (1 + 0.2 * " + hash("g.x", 103, 991) + ")";
            String persistence = "(40 + MOD(CAST(g.x AS BIGINT) * 7, 3))";
            String state = "CASE WHEN " + u + " < 0.80 THEN 'COMPLETE' WHEN " + u + " < 0.92 THEN 'PRUNED' "
                    + "ELSE 'FAILED' END";
            String rank = "CASE WHEN " + u + " < 0.80 THEN 0 WHEN " + u + " < 0.92 THEN 1 ELSE 2 END";
            String done = u + " < 0.80";
            List<String> json = new ArrayList<>();
            for (Param p : space.params) json.add(p.json("g.x"));
            List<String> metrics = List.of(v, v + " * (0.6 + 0.2 * " + hash("g.x", 101, 997) + ")", testRmse,
                    "0.3 + 0.2 * " + hash("g.x", 107, 983), "0.85 + 0.13 * " + hash("g.x", 109, 977),
                    "0.45 + 0.1 * " + hash("g.x", 113, 971), persistence + " * 0.72", persistence,
                    "0.41", "0.89", "0.5", "1 - " + testRmse + " / " + persistence, v,
                    "20000 + MOD(CAST(g.x AS BIGINT) * 127, 100000)", String.valueOf(epochs),
                    "1 + MOD(CAST(g.x AS BIGINT) * 131, " + epochs + ")", "60 + 600 * " + hash("g.x", 137, 967),
                    "400");
            StringBuilder values = new StringBuilder();
            for (String m : metrics) values.append(", CASE WHEN ").append(done).append(" THEN ").append(m).append(" END");
            String insertTrials = "INSERT INTO trial (id, campaign_id, number, state, rank_class, params_json, worker, "
                    + "device, started_at, finished_at, heartbeat_at, changed_at, has_metrics, objective, test_mae, "
                    + "test_rmse, test_mape, test_r2, direction_accuracy, persistence_mae, persistence_rmse, "
                    + "persistence_mape, persistence_r2, persistence_direction_accuracy, skill, best_val_rmse, "
                    + "params_count, epochs, best_epoch, training_seconds, test_windows, pruned_epoch, failure_reason) "
                    + "SELECT 1000000 + g.x, " + campaignId + ", g.x, " + state + ", " + rank + ", "
                    + "'{' || " + String.join(" || ',' || ", json) + " || '}', 'bench', 'cpu', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, " + done
                    + values + ", CASE WHEN " + rank + " = 1 THEN " + Math.max(1, epochs / 2) + " END, "
                    + "CASE WHEN " + rank + " = 2 THEN 'loss became NaN' END FROM ";
            for (Param p : space.params) {
                update(c, h2 ? "MERGE INTO campaign_param (campaign_id, name) KEY (campaign_id, name) VALUES ("
                        + campaignId + ", '" + p.key() + "')" : "INSERT INTO campaign_param (campaign_id, name) "
                        + "VALUES (" + campaignId + ", '" + p.key() + "') ON CONFLICT DO NOTHING");
            }
            long n = 0;
            long[] phase = new long[4];
            // a chunk a transaction: H2 commits one of 100k trials (millions of index entries in its undo log)
            // in far more time than it took to insert them, reading back pages its cache has dropped meanwhile
            for (int from = 1; from <= trials; from += CHUNK) {
                int to = Math.min(trials, from + CHUNK - 1);
                long a = System.nanoTime();
                n += update(c, insertTrials + (h2 ? "SYSTEM_RANGE(" + from + ", " + to + ") g(x)"
                        : "generate_series(" + from + ", " + to + ") AS g(x)"));
                String chunk = " FROM trial t WHERE t.id BETWEEN " + (1_000_000L + from) + " AND " + (1_000_000L + to);
                long b = System.nanoTime();
                // the param rows again from the same hashes of the number (number = id - 1,000,000 here)
                for (Param p : space.params) {
                    update(c, "INSERT INTO trial_param (trial_id, campaign_id, name, num_value, str_value, state, "
                            + "rank_class) SELECT t.id, t.campaign_id, '" + p.key() + "', " + p.num("t.number") + ", "
                            + p.text("t.number") + ", t.state, t.rank_class" + chunk);
                }
                long d = System.nanoTime();
                update(c, "INSERT INTO epoch_metric (trial_id, campaign_id, epoch, train_loss, val_loss, val_rmse, "
                        + "duration_ms) SELECT t.id, t.campaign_id, e.x, CAST(1 AS DOUBLE PRECISION) / e.x, "
                        + "CAST(1.1 AS DOUBLE PRECISION) / e.x, COALESCE(t.best_val_rmse, 35e0) * (1 + "
                        + "CAST(2 AS DOUBLE PRECISION) / e.x), 900" + chunk.replace(" WHERE", " CROSS JOIN "
                        + (h2 ? "SYSTEM_RANGE(1, " + epochs + ") e(x)" : "generate_series(1, " + epochs + ") AS e(x)")
                        + " WHERE"));
                long e = System.nanoTime();
                c.commit();
                phase[0] += b - a;
                phase[1] += d - b;
                phase[2] += e - d;
                phase[3] += System.nanoTime() - e;
            }
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
                    + "epochs %.1f s, commits %.1f s, analyze %.1f s)%n", n, (System.nanoTime() - t0) / 1e9,
                    phase[0] / 1e9, phase[1] / 1e9, phase[2] / 1e9, phase[3] / 1e9, (System.nanoTime() - t3) / 1e9);
        }
    }

    /** A multiplicative hash of the number in [0, 1): {@code (n * mult mod mod) / mod}. */
    private static String hash(String n, long mult, int mod) {
        return "(MOD(CAST(" + n + " AS BIGINT) * " + mult + ", " + mod + ") / CAST(" + mod + " AS DOUBLE PRECISION))";
    }

    private static long update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeLargeUpdate(sql);
        }
    }
}
