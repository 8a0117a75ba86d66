package dev.lstmtuner.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which errors mean "the server is gone for now", and how an outage is said: once when lost, once when back. */
class StoreOutageTest {
    @Test
    void lostConnectionsAreTransientAndStatementErrorsAreNot() {
        Dialect pg = Dialect.POSTGRESQL;
        assertThat(pg.connectionLost(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(pg.connectionLost(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(pg.connectionLost(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(pg.connectionLost(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(pg.connectionLost(new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms"))).isTrue();
        assertThat(pg.connectionLost(new SQLException("wrapped", new SQLException("EOF", "08006")))).isTrue();
        assertThat(pg.connectionLost(new SQLException("Connection is closed"))).as("the pool's evicted stand-in").isTrue();
        assertThat(pg.connectionLost(new SQLException("could not serialize access", "40001"))).isFalse();
        assertThat(pg.connectionLost(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(pg.connectionLost(new SQLException("relation does not exist", "42P01"))).isFalse();
        assertThat(Dialect.H2.connectionLost(new SQLException("not PostgreSQL", "57P01"))).isFalse();
        assertThat(Dialect.H2.connectionLost(new SQLException("The database has been closed", "90098", 90098)))
                .as("H2 after a write to a full disk failed").isTrue();
        assertThat(Dialect.H2.connectionLost(new SQLException("Table \"T\" not found", "42S02", 42102))).isFalse();
    }

    @Test
    void anOutageIsSaidOnceWhenLostAndOnceWhenBackAndLeavesAGracePeriod() {
        StoreOutage outage = new StoreOutage("jdbc:postgresql://db.example:5433/lstm?user=tuner", Dialect.POSTGRESQL);
        List<String> said = new ArrayList<>();
        outage.configure(Duration.ofSeconds(300), said::add);
        outage.succeeded();
        assertThat(said).isEmpty();
        assertThat(outage.within(Duration.ofSeconds(30))).isFalse();
        for (int i = 0; i < 5; i++) outage.failed(new SQLException("Connection refused", "08001"));
        assertThat(outage.ongoing()).isTrue();
        assertThat(outage.spent()).isFalse();
        outage.succeeded();
        outage.succeeded();
        assertThat(said).hasSize(2);
        assertThat(said.get(0)).startsWith("store jdbc:postgresql://db.example:5433/lstm?user=tuner unreachable since ")
                .endsWith("(Connection refused), retrying for up to 300 s");
        assertThat(said.get(1)).matches("store \\S+ back after [0-9.]+ s");
        assertThat(outage.ongoing()).isFalse();
        assertThat(outage.within(Duration.ofSeconds(30))).as("one stale period of grace after").isTrue();
        assertThat(outage.within(Duration.ZERO)).isFalse();
    }

    @Test
    void pastTheBudgetTheMessageSaysWhatToCheckOnPostgres() throws InterruptedException {
        StoreOutage outage = new StoreOutage("jdbc:postgresql://db.example:5433/lstm?user=tuner", Dialect.POSTGRESQL);
        outage.configure(Duration.ofMillis(1), line -> { });
        SQLException refused = new SQLException("Connection refused", "08001");
        outage.failed(refused);
        Thread.sleep(5);
        assertThat(outage.spent()).isTrue();
        assertThat(outage.unreachable(refused, true).getMessage())
                .contains("has been unreachable for more than 0 s (--store-outage-s; last error: Connection refused)")
                .contains("check that the PostgreSQL server is running")
                .contains("pg_isready -h db.example -p 5433")
                .contains("nothing recorded before is lost")
                .doesNotContain("disk");
    }
}
