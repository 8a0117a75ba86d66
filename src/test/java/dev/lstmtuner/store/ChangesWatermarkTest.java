package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader that follows a campaign through {@link Store#changesSince} (the coordinator's history does, with a 250 ms
 * lag) must see a change whose transaction stayed open far longer than its lag: the row is stamped with the
 * transaction's start, so a mark read from the clock alone moves past the stamp before the commit and the change
 * is never read (under load the coordinator lost completed trials this way and never reached its budget). On
 * PostgreSQL and on H2.
 */
class ChangesWatermarkTest {
    private static final Duration LAG = Duration.ofMillis(250);

    @Test
    void onPostgreSqlAChangeCommittedLongAfterItsStampIsStillSeenByTheNextRead() throws Exception {
        String url = PgTestCluster.get().freshDatabase("watermark");
        try (Store store = StoreFactory.open(url); Connection slow = DriverManager.getConnection(url)) {
            followWhileAWriterStaysOpen(store, slow);
        }
    }

    @Test
    void onH2AChangeCommittedLongAfterItsStampIsStillSeenByTheNextRead() throws Exception {
        String url = "jdbc:h2:mem:watermark;DB_CLOSE_DELAY=-1";
        try (Store store = StoreFactory.open(url);
             Connection slow = DriverManager.getConnection(url, StoreFactory.user(url), StoreFactory.password(url))) {
            followWhileAWriterStaysOpen(store, slow);
        }
    }

    private static void followWhileAWriterStaysOpen(Store store, Connection slow) throws Exception {
        store.createCampaign(new CampaignSpec("wm", "{\"units\":[8]}", "{\"lr\":\"log\"}", "random", "median",
                50, Objective.DEFAULT, Direction.MINIMIZE, null, null));
        Trial t = store.enqueue("wm", Map.of("lr", 0.01));
        CampaignChanges first = store.changesSince("wm", null, null);
        Instant since = first.now().minus(LAG);

        slow.setAutoCommit(false);
        try (PreparedStatement ps = slow.prepareStatement(
                "UPDATE trial SET failure_reason = 'late', changed_at = CURRENT_TIMESTAMP WHERE id = ?")) {
            ps.setLong(1, t.id());
            ps.executeUpdate();
        }
        // the reader keeps reading while the writer's transaction stays open for eight times its lag
        long until = System.nanoTime() + LAG.multipliedBy(8).toNanos();
        while (System.nanoTime() < until) {
            since = store.changesSince("wm", since, since).now().minus(LAG);
            Thread.sleep(100);
        }
        slow.commit();

        CampaignChanges after = store.changesSince("wm", since, since);
        assertThat(after.trials()).extracting(Trial::failureReason).containsExactly("late");
    }
}
