package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema 13 on PostgreSQL: an epoch or heartbeat updates only trial.heartbeat_at, and no index holds that column,
 * so PostgreSQL writes it as a HOT update (no new entry in any of the trial table's indexes); with an index on it,
 * every epoch of 32 workers wrote ~37 index entries. Also the stale check still finds a silent worker's trial.
 */
class PgHotHeartbeatsTest {
    @Test
    void noTrialIndexHoldsTheHeartbeatAndTrialPagesKeepRoomForNewVersions() throws Exception {
        String url = PgTestCluster.get().freshDatabase("hot");
        StoreFactory.open(url).close();
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(indexesOn(c, "heartbeat_at")).isEmpty();
            assertThat(indexesOn(c, "state")).contains("trial_running_idx");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'trial'")) {
                rs.next();
                assertThat(rs.getString(1)).contains("fillfactor=80");
            }
        }
    }

    @Test
    void epochsAndHeartbeatsOfARunningTrialAreHotUpdates() throws Exception {
        String url = PgTestCluster.get().freshDatabase("hot");
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(new CampaignSpec("c", "{}", "{}", "random", "none", 10, Objective.DEFAULT,
                    Direction.MINIMIZE, null, null));
            TrialHandle h = store.start("c", Map.of("lr", 0.01), "w", "cpu");
            try (Connection c = DriverManager.getConnection(url)) {
                long[] before = updates(c);
                for (int e = 1; e <= 20; e++) {
                    h.reportEpoch(new EpochMetrics(e, 1.0 / e, 1.1 / e, 10.0 / e, 5));
                    h.heartbeat();
                }
                long[] after = waitForUpdates(c, before[0] + 40);
                long updates = after[0] - before[0];
                long hot = after[1] - before[1];
                assertThat(updates).isGreaterThanOrEqualTo(40);
                // a page can fill up with row versions before it is pruned: most, not all, need be HOT
                assertThat(hot).isGreaterThanOrEqualTo(updates * 3 / 4);
            }
        }
    }

    private static List<String> indexesOn(Connection c, String column) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.relname FROM pg_index x "
                + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
                + "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(x.indkey) "
                + "WHERE t.relname = 'trial' AND a.attname = ?")) {
            ps.setString(1, column);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Statistics reach the shared counters when each backend flushes them (within about a second of going idle). */
    private static long[] waitForUpdates(Connection c, long atLeast) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        long[] now = updates(c);
        while (now[0] < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = updates(c);
        }
        return now;
    }

    private static long[] updates(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n_tup_upd, n_tup_hot_upd "
                + "FROM pg_stat_user_tables WHERE relname = 'trial'")) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2)};
        }
    }
}
