package dev.lstmtuner.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.search.PastTrials;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection lost exactly at COMMIT, after the commit landed (the database has the rows, the client hears an I/O
 * error, SQLSTATE 08006): the store retries as it does through any outage, and the retry finds what landed instead
 * of doing it again. Every write of the queue meets it once: no trial is enqueued, claimed, finished or re-queued
 * twice, and no epoch is written twice.
 */
class LostCommitTest {
    private final AtomicInteger commitsToLose = new AtomicInteger();
    private final List<String> said = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyQueueWriteWhoseCommitLandedButWasLostLandsExactlyOnce(String vendor) throws Exception {
        try (Store s = open(vendor)) {
            s.tolerateOutages(Duration.ofSeconds(30), said::add);
            s.createCampaign(new CampaignSpec("lost", "{\"units\":[8]}", "{\"lr\":\"log\"}", "random", "none", 50,
                    Objective.DEFAULT, Direction.MINIMIZE, null, null));

            List<Trial> batch = losingCommit(() -> s.enqueueAll("lost", List.of(Map.of("lr", 0.1), Map.of("lr", 0.2),
                    Map.of("lr", 0.3))));
            assertThat(batch).extracting(Trial::number).containsExactly(1, 2, 3);
            Trial single = losingCommit(() -> s.enqueue("lost", Map.of("lr", 0.4), null));
            assertThat(single.number()).isEqualTo(4);
            assertThat(trials(s)).as("enqueued once").hasSize(4);

            TrialHandle first = losingCommit(() -> s.claimNext("lost", "w1", "cpu").orElseThrow());
            assertThat(trials(s)).as("claimed once").filteredOn(t -> t.state() == TrialState.RUNNING)
                    .extracting(Trial::id).containsExactly(first.trialId());
            // an epoch write does not wait out an outage: it stays in memory and the next write that gets through
            // (here the heartbeat, itself losing its commit once) must not store it again
            losingCommit(() -> {
                first.reportEpoch(new EpochMetrics(1, 0.5, 0.6, 0.7, 10));
                return null;
            });
            first.reportEpoch(new EpochMetrics(2, 0.4, 0.5, 0.6, 10));
            losingCommit(() -> {
                first.heartbeat();
                return null;
            });
            first.reportEpoch(new EpochMetrics(3, 0.3, 0.4, 0.5, 10));
            assertThat(first.behind()).isFalse();
            assertThat(s.epochs(List.of(first.trialId())).get(first.trialId())).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
            losingCommit(() -> {
                first.complete(StoreTestBase.metrics(1.0, 0.1), 1.0);
                return null;
            });

            TrialHandle second = losingCommit(() -> s.claim(batch.get(1).id(), "w2", "cpu").orElseThrow());
            losingCommit(() -> {
                second.prune(1, "pruned: worse than the median");
                return null;
            });
            TrialHandle third = s.claimNext("lost", "w3", "cpu").orElseThrow();
            losingCommit(() -> {
                third.interrupt("interrupted: w3 was stopped; re-queued");
                return null;
            });
            TrialHandle fourth = s.claimNext("lost", "w4", "cpu").orElseThrow();
            Thread.sleep(50);
            List<Trial> reclaimed = losingCommit(() -> s.reclaimStale(Duration.ofMillis(1), true));
            assertThat(reclaimed.size()).as("reclaimed once: the retry finds it reclaimed and leaves it").isLessThanOrEqualTo(1);

            List<Trial> all = trials(s);
            assertThat(all).extracting(t -> t.number() + " " + t.state()).containsExactly("1 COMPLETE", "2 PRUNED",
                    "3 FAILED", "4 FAILED", "5 WAITING", "6 WAITING");
            assertThat(all.get(4).requeuedFrom()).isEqualTo(third.trialId());
            assertThat(all.get(5).requeuedFrom()).isEqualTo(fourth.trialId());
            assertThat(all.get(3).failureReason()).isEqualTo("worker lost");
            assertThat(said).as("each lost commit is said as an outage, once lost and once back")
                    .anyMatch(l -> l.contains("unreachable since")).anyMatch(l -> l.contains("back after"));
        }
    }

    @FunctionalInterface
    private interface Write<T> {
        T run() throws Exception;
    }

    /** Runs {@code write} with the next COMMIT landing and then reported lost; checks it was met. */
    private <T> T losingCommit(Write<T> write) throws Exception {
        commitsToLose.set(1);
        T result = write.run();
        assertThat(commitsToLose.get()).as("the write met a lost commit").isZero();
        return result;
    }

    private static List<Trial> trials(Store s) {
        return PastTrials.all(s, "lost");
    }

    private Store open(String vendor) {
        DataSource real;
        String url;
        if (vendor.equals("h2")) {
            url = "jdbc:h2:mem:lost" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            real = h2;
        } else {
            url = PgTestCluster.get().freshDatabase("lostcommit");
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            real = pg;
        }
        Dialect dialect = Dialect.of(url);
        HikariConfig cfg = new HikariConfig();
        cfg.setDataSource(losingCommits(real));
        cfg.setMaximumPoolSize(4);
        cfg.setConnectionTimeout(5_000);
        cfg.setConnectionInitSql(dialect.connectionInitSql());
        HikariDataSource pool = new HikariDataSource(cfg);
        SchemaGuard.migrate(pool, url, dialect);
        return new JdbcStore(new Jdbc(pool, url, dialect));
    }

    private DataSource losingCommits(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, m, args) -> {
                    Object r = call(real, m, args);
                    return r instanceof Connection c ? losingCommits(c) : r;
                });
    }

    /**
     * A connection whose COMMIT, while one is to be lost, commits on the server and then fails as a cut link does;
     * so does a write run in auto-commit (its own commit), after it ran.
     */
    private Connection losingCommits(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, m, args) -> {
                    Object r = call(real, m, args);
                    if (m.getName().equals("commit")) loseIfDue(real);
                    return r instanceof PreparedStatement ps ? losingCommits(ps, real) : r;
                });
    }

    private PreparedStatement losingCommits(PreparedStatement real, Connection c) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, (proxy, m, args) -> {
                    Object r = call(real, m, args);
                    if (m.getName().startsWith("execute") && c.getAutoCommit() && writes(real)) loseIfDue(c);
                    return r;
                });
    }

    /** Whether the statement wrote (a read in auto-commit commits nothing worth losing). */
    private static boolean writes(PreparedStatement ps) {
        String sql = ps.toString().stripLeading().toUpperCase(Locale.ROOT);
        return !sql.startsWith("SELECT");
    }

    private void loseIfDue(Connection real) throws SQLException {
        if (commitsToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            real.close();
            throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
        }
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
