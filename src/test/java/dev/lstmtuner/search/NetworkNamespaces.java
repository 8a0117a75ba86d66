package dev.lstmtuner.search;

import dev.lstmtuner.store.PgTestCluster;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * "Other machines" for a test: network namespaces made for it (ip netns), each joined to this one by a veth pair
 * on a /24 of its own ({@code 10.<subnet>.<i+1>.0}: this side .1, the namespace .2), and reaching the test's
 * PostgreSQL over it with a password login made for them (PGPASSWORD, never on a command line). A link can be cut
 * and restored (its host end set down and up: packets are dropped, nothing is refused). Aborts the test, saying why,
 * where namespaces are refused (no root, no CAP_NET_ADMIN). Closing kills what was started in them and deletes them.
 */
final class NetworkNamespaces implements AutoCloseable {
    private final String tag = Long.toString(ProcessHandle.current().pid() % 100_000, 36);
    private final int subnet;
    private final List<String> names = new ArrayList<>();
    private final List<Process> started = new ArrayList<>();
    private String password;

    private NetworkNamespaces(int subnet) {
        this.subnet = subnet;
    }

    /** {@code count} namespaces on {@code 10.<subnet>.*}: a test class of its own subnet, so classes never clash. */
    static NetworkNamespaces create(int count, int subnet, String test) throws IOException, InterruptedException {
        NetworkNamespaces n = new NetworkNamespaces(subnet);
        for (int i = 0; i < count; i++) {
            String ns = "lt" + n.tag + subnet + i;
            if (sh(false, "ip", "netns", "add", ns) != 0) {
                n.close();
                Assumptions.abort(test + " skipped: `ip netns add` was refused here (it needs root or "
                        + "CAP_NET_ADMIN); CI runs it as root");
            }
            n.names.add(ns);
            sh(true, "ip", "link", "add", n.hostEnd(i), "type", "veth", "peer", "name", "v" + ns + "n");
            sh(true, "ip", "link", "set", "v" + ns + "n", "netns", ns);
            sh(true, "ip", "addr", "add", n.hostAddress(i) + "/24", "dev", n.hostEnd(i));
            sh(true, "ip", "link", "set", n.hostEnd(i), "up");
            sh(true, "ip", "netns", "exec", ns, "ip", "addr", "add", n.address(i) + "/24", "dev", "v" + ns + "n");
            sh(true, "ip", "netns", "exec", ns, "ip", "link", "set", "v" + ns + "n", "up");
            sh(true, "ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
        }
        return n;
    }

    /** The port of a server that listens on every address, or a skip saying none is known. */
    static int serverPort(PgTestCluster cluster, String test) {
        Assumptions.assumeTrue(cluster.port() > 0 || System.getenv("LSTM_TUNER_TEST_PG_PORT") != null,
                test + " skipped: needs the port of a server listening on every address (the test's own "
                        + "cluster, or LSTM_TUNER_TEST_PG_PORT beside LSTM_TUNER_TEST_PG_URL as .ci/run sets)");
        return cluster.port() > 0 ? cluster.port() : Integer.parseInt(System.getenv("LSTM_TUNER_TEST_PG_PORT"));
    }

    /** Database {@code db} on port {@code port}, owned by {@code role}: how every side of the test reaches it. */
    record Login(String db, String role, int port) {
        /** The URL through {@code host}: 127.0.0.1 on this side, {@link #hostAddress} from a namespace. */
        String url(String host) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + db + "?user=" + role;
        }
    }

    /**
     * A fresh database of the cluster on {@code port}, owned by a role of these namespaces with a password (they are
     * other machines, where only password logins are allowed).
     */
    Login login(PgTestCluster cluster, int port, String prefix) {
        String db = database(cluster.freshDatabase(prefix));
        String role = "tuner_" + tag;
        password = UUID.randomUUID().toString();
        cluster.admin("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "CREATE ROLE " + role + " LOGIN; END IF; END $$");
        cluster.admin("ALTER ROLE " + role + " PASSWORD '" + password + "'");
        cluster.admin("ALTER DATABASE " + db + " OWNER TO " + role);
        return new Login(db, role, port);
    }

    private static String database(String url) {
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
    }

    String name(int i) {
        return names.get(i);
    }

    /** This side's address on namespace {@code i}'s link: where its processes reach the database. */
    String hostAddress(int i) {
        return "10." + subnet + "." + (i + 1) + ".1";
    }

    /** Namespace {@code i}'s own address: the client address its database sessions show. */
    String address(int i) {
        return "10." + subnet + "." + (i + 1) + ".2";
    }

    private String hostEnd(int i) {
        return "v" + names.get(i) + "h";
    }

    /** A JVM running {@code mainClass} in namespace {@code i} with the test's class path, logging to {@code log}. */
    Process java(int i, Path log, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", names.get(i),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (password != null) pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Namespace {@code i} loses its link: what it sends is dropped, its TCP sessions stall. */
    void cut(int i) throws IOException, InterruptedException {
        sh(true, "ip", "link", "set", hostEnd(i), "down");
    }

    void restore(int i) throws IOException, InterruptedException {
        sh(true, "ip", "link", "set", hostEnd(i), "up");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process p : started) p.destroyForcibly();
        for (String ns : names) sh(false, "ip", "netns", "del", ns);
        for (int i = 0; i < names.size(); i++) sh(false, "ip", "link", "del", hostEnd(i));
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
