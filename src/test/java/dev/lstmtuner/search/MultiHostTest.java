package dev.lstmtuner.search;

import dev.lstmtuner.cli.Main;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign that really crosses a network: PostgreSQL in this network namespace, one worker process in each of
 * two network namespaces made for the test (ip netns + a veth pair each), reaching the database over their veth
 * link with a password login (PGPASSWORD, never on the command line). Skipped, saying so, where namespaces are
 * refused (no root, no CAP_NET_ADMIN).
 */
class MultiHostTest {
    @TempDir
    Path dir;
    private final String tag = Long.toString(ProcessHandle.current().pid() % 100_000, 36);
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : workers) p.destroyForcibly();
        for (String ns : namespaces) sh(false, "ip", "netns", "del", ns);
        for (String ns : namespaces) sh(false, "ip", "link", "del", "v" + ns + "h");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void workersInTwoNetworkNamespacesShareOneCampaignOverTheirVethLinks() throws Exception {
        PgTestCluster cluster = PgTestCluster.get();
        Assumptions.assumeTrue(cluster.port() > 0 || System.getenv("LSTM_TUNER_TEST_PG_PORT") != null,
                "multi-host test skipped: needs the port of a server listening on every address (the test's own "
                        + "cluster, or LSTM_TUNER_TEST_PG_PORT beside LSTM_TUNER_TEST_PG_URL as .ci/run sets)");
        int port = cluster.port() > 0 ? cluster.port() : Integer.parseInt(System.getenv("LSTM_TUNER_TEST_PG_PORT"));
        String[] hostSide = {"10.231.1.1", "10.231.2.1"};
        String[] nsSide = {"10.231.1.2", "10.231.2.2"};
        for (int i = 0; i < 2; i++) {
            String ns = "lt" + tag + i;
            if (sh(false, "ip", "netns", "add", ns) != 0) {
                Assumptions.abort("multi-host test skipped: `ip netns add` was refused here (it needs root or "
                        + "CAP_NET_ADMIN); CI runs it as root");
            }
            namespaces.add(ns);
            sh(true, "ip", "link", "add", "v" + ns + "h", "type", "veth", "peer", "name", "v" + ns + "n");
            sh(true, "ip", "link", "set", "v" + ns + "n", "netns", ns);
            sh(true, "ip", "addr", "add", hostSide[i] + "/24", "dev", "v" + ns + "h");
            sh(true, "ip", "link", "set", "v" + ns + "h", "up");
            sh(true, "ip", "netns", "exec", ns, "ip", "addr", "add", nsSide[i] + "/24", "dev", "v" + ns + "n");
            sh(true, "ip", "netns", "exec", ns, "ip", "link", "set", "v" + ns + "n", "up");
            sh(true, "ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }

        // a login with a password: the namespaces are "other machines", where only password logins are allowed
        String url = cluster.freshDatabase("multihost");
        String db = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        String role = "tuner_" + tag;
        String password = UUID.randomUUID().toString();
        cluster.admin("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "CREATE ROLE " + role + " LOGIN; END IF; END $$");
        cluster.admin("ALTER ROLE " + role + " PASSWORD '" + password + "'");
        cluster.admin("ALTER DATABASE " + db + " OWNER TO " + role);
        String local = "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=" + role;

        Path exp = Files.writeString(dir.resolve("mh.json"), CoordinatorKillTest.EXPERIMENT
                .replace("\"killpg\"", "\"multihost\"").replace("\"max_trials\": 40", "\"max_trials\": 24"));
        StringWriter out = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread coordinator = new Thread(() -> code.set(Main.run(new PrintWriter(out, true), new PrintWriter(out, true),
                "search", "--experiment", exp.toString(), "--store", local, "--slots", "0", "--queue", "4")));
        coordinator.start();
        for (int i = 0; i < 2; i++) {
            String remote = "jdbc:postgresql://" + hostSide[i] + ":" + port + "/" + db + "?user=" + role;
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespaces.get(i),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    SimulatedWorker.class.getName(), remote, "multihost", "4", "300", "60000", "300"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ns" + i + ".log").toFile());
            pb.environment().put("PGPASSWORD", password);
            workers.add(pb.start());
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
        assertThat(clients).as("database sessions from both namespaces' veth addresses").contains(nsSide);

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

    private static int sh(boolean mustSucceed, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        if (mustSucceed && p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + output);
        }
        return p.exitValue();
    }
}
