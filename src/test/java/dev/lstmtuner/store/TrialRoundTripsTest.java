package dev.lstmtuner.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one trial of 5 epochs costs the database: the statements and transactions of its claim, its epochs, a
 * heartbeat and its completion (what QueueBench's workers do, without the reads of pruning). At 32 workers on two
 * cores each round trip is two context switches and a backend wake-up, so the count is the figure that matters.
 */
class TrialRoundTripsTest {
    private static final int EPOCHS = 5;

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aTrialOfFiveEpochsTakesOneRoundTripPerWriteOnPostgreSql(String vendor) {
        CountingDataSource counting = new CountingDataSource();
        try (Store s = open(vendor, counting)) {
            s.createCampaign(new CampaignSpec("trips", "{\"units\":[8]}", "{\"lr\":\"log\"}", "random", "none", 50,
                    Objective.DEFAULT, Direction.MINIMIZE, null, null));
            s.enqueueAll("trips", List.of(Map.of("lr", 0.1)));
            counting.roundTrips.set(0);
            counting.transactions.set(0);

            TrialHandle h = s.claimNext("trips", "w1", "cpu").orElseThrow();
            int claim = counting.roundTrips.get();
            for (int e = 1; e <= EPOCHS; e++) h.reportEpoch(new EpochMetrics(e, 0.5, 0.6, 1.0 / e, 10));
            int epochs = counting.roundTrips.get() - claim;
            h.heartbeat();
            int heartbeat = counting.roundTrips.get() - claim - epochs;
            h.complete(StoreTestBase.metrics(1.0, 0.1), 1.0);
            int complete = counting.roundTrips.get() - claim - epochs - heartbeat;
            int transactions = counting.transactions.get();
            System.out.printf("%s: claim %d, %d epochs %d, heartbeat %d, complete %d: %d round trips, %d transactions%n",
                    vendor, claim, EPOCHS, epochs, heartbeat, complete, counting.roundTrips.get(), transactions);

            Trial done = h.snapshot();
            assertThat(done.state()).isEqualTo(TrialState.COMPLETE);
            assertThat(s.epochs(List.of(h.trialId())).get(h.trialId())).hasSize(EPOCHS);
            if (vendor.equals("postgresql")) {
                // each write one statement in auto-commit: its own transaction, no COMMIT to send
                assertThat(List.of(claim, epochs, heartbeat, complete)).as("claim, epochs, heartbeat, completion")
                        .containsExactly(1, EPOCHS, 1, 1);
                assertThat(transactions).isEqualTo(3 + EPOCHS);
            } else {
                // H2 has no writing WITH: a pick, then the claim and completion each one transaction
                assertThat(claim).as("claim").isLessThanOrEqualTo(5);
                assertThat(epochs).as("epochs: heartbeat, insert, commit").isLessThanOrEqualTo(3 * EPOCHS);
                assertThat(heartbeat).as("heartbeat").isEqualTo(1);
                assertThat(complete).as("completion: update, its params, commit").isLessThanOrEqualTo(3);
            }
        }
    }

    private static Store open(String vendor, CountingDataSource counting) {
        DataSource real;
        String url;
        if (vendor.equals("h2")) {
            url = "jdbc:h2:mem:trips" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            real = h2;
        } else {
            url = PgTestCluster.get().freshDatabase("trips");
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            real = pg;
        }
        Dialect dialect = Dialect.of(url);
        HikariConfig cfg = new HikariConfig();
        cfg.setDataSource(counting.wrap(real));
        cfg.setMaximumPoolSize(2);
        cfg.setConnectionInitSql(dialect.connectionInitSql());
        HikariDataSource pool = new HikariDataSource(cfg);
        SchemaGuard.migrate(pool, url, dialect);
        return new JdbcStore(new Jdbc(pool, url, dialect));
    }
}
