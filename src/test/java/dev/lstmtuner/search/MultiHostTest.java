package dev.lstmtuner.search;

import dev.lstmtuner.cli.Main;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign that really crosses a network: PostgreSQL in this network namespace, one worker process in each of
 * two {@link NetworkNamespaces} made for the test, reaching the database over their veth link with a password login.
 * Skipped, saying so, where namespaces are refused (no root, no CAP_NET_ADMIN).
 */
class MultiHostTest {
    @TempDir
    Path dir;
    private NetworkNamespaces namespaces;

    @AfterEach
    void tearDown() throws Exception {
        if (namespaces != null) namespaces.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void workersInTwoNetworkNamespacesShareOneCampaignOverTheirVethLinks() throws Exception {
        PgTestCluster cluster = PgTestCluster.get();
        int port = NetworkNamespaces.serverPort(cluster, "multi-host test");
        namespaces = NetworkNamespaces.create(2, 231, "multi-host test");

        NetworkNamespaces.Login login = namespaces.login(cluster, port, "multihost");
        String db = login.db();
        String role = login.role();
        String local = login.url("127.0.0.1");

        Path exp = Files.writeString(dir.resolve("mh.json"), CoordinatorKillTest.EXPERIMENT
                .replace("\"killpg\"", "\"multihost\"").replace("\"max_trials\": 40", "\"max_trials\": 24"));
        StringWriter out = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread coordinator = new Thread(() -> code.set(Main.run(new PrintWriter(out, true), new PrintWriter(out, true),
                "search", "--experiment", exp.toString(), "--store", local, "--slots", "0", "--queue", "4")));
        coordinator.start();
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(namespaces.java(i, dir.resolve("ns" + i + ".log"), SimulatedWorker.class.getName(),
                    login.url(namespaces.hostAddress(i)),
                    "multihost", "4", "300", "60000", "300"));
        }

        Set<String> clients = new HashSet<>();
        try (Connection c = DriverManager.getConnection(local.replace("user=" + role, "user=postgres"));
             Statement st = c.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (coordinator.isAlive() && System.nanoTime() < deadline) {
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT host(client_addr) FROM pg_stat_activity "
                        + "WHERE datname = '" + db + "' AND client_addr IS NOT NULL")) {
                    while (rs.next()) clients.add(rs.getString(1));
                }
                Thread.sleep(200);
            }
        }
        coordinator.join(TimeUnit.MINUTES.toMillis(1));
        assertThat(code.get()).as(out + log(0) + log(1)).isZero();
        assertThat(clients).as("database sessions from both namespaces' veth addresses")
                .contains(namespaces.address(0), namespaces.address(1));

        try (Store s = StoreFactory.open(local.replace("user=" + role, "user=postgres"))) {
            List<Trial> trials = PastTrials.all(s, "multihost");
            assertThat(trials).hasSize(24).allMatch(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED);
            Set<String> finishedBy = new HashSet<>();
            for (Trial t : trials) finishedBy.add(t.worker());
            Set<String> expected = new HashSet<>();
            for (Process p : workers) expected.add("sim-pid" + p.pid());
            assertThat(finishedBy).as("both namespaces' workers trained").containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private String log(int i) {
        try {
            return "\n--- ns" + i + ".log\n" + Files.readString(dir.resolve("ns" + i + ".log"));
        } catch (IOException e) {
            return "";
        }
    }
}
