package dev.lstmtuner.store;

import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The PostgreSQL server tests (and benchmarks) run against: the one named by LSTM_TUNER_TEST_PG_URL (CI starts it,
 * see .ci/run), else a throwaway cluster this JVM starts from /usr/lib/postgresql/N/bin (initdb into a temporary
 * folder, stopped at exit). Where neither exists, tests that need it are skipped with a message saying so.
 * Each caller gets a fresh database on that server.
 */
public final class PgTestCluster {
    public static final String URL_ENV = "LSTM_TUNER_TEST_PG_URL";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PgTestCluster shared;

    private final String adminUrl;
    private final String host;
    private final int port;
    private final Path dataDir;
    private final List<String> pgCtl;

    private PgTestCluster(String adminUrl, String host, int port, Path dataDir, List<String> pgCtl) {
        this.adminUrl = adminUrl;
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
        this.pgCtl = pgCtl;
    }

    /** The server, or a JUnit skip (assumption failure) saying why there is none. */
    public static synchronized PgTestCluster get() {
        if (shared != null) return shared;
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            shared = new PgTestCluster(url, null, -1, null, null);
            return shared;
        }
        Path bin = binaries();
        Assumptions.assumeTrue(bin != null, "PostgreSQL tests skipped: " + URL_ENV + " is not set and no PostgreSQL "
                + "server binaries were found under /usr/lib/postgresql/*/bin (apt-get install postgresql, or run .ci/run)");
        try {
            shared = start(bin);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start a throwaway PostgreSQL cluster from " + bin + ": "
                    + e.getMessage(), e);
        }
        return shared;
    }

    /**
     * A cluster of the test's own, never shared, that the test may kill and restart (outage tests); a JUnit skip
     * where no server binaries are installed. Stopped at exit.
     */
    public static PgTestCluster startPrivate() {
        Path bin = binaries();
        Assumptions.assumeTrue(bin != null, "outage tests skipped: they start a PostgreSQL server of their own and no "
                + "server binaries were found under /usr/lib/postgresql/*/bin (apt-get install postgresql)");
        try {
            return start(bin);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not start a private PostgreSQL cluster from " + bin + ": "
                    + e.getMessage(), e);
        }
    }

    /** A crash: kill -9 of the postmaster and every backend, as a lost machine or the OOM killer would. */
    public void killHard() throws IOException, InterruptedException {
        long pid = postmasterPid();
        List<ProcessHandle> all = new ArrayList<>(ProcessHandle.of(pid).map(p -> p.descendants().toList())
                .orElse(List.of()));
        ProcessHandle.of(pid).ifPresent(all::add);
        for (ProcessHandle p : all) run(List.of("kill", "-9", String.valueOf(p.pid())), false);
        for (ProcessHandle p : all) p.onExit().orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** Starts the server again after {@link #killHard} (it recovers from its write-ahead log). */
    public void startAgain() throws IOException, InterruptedException {
        run(ctl("start"), true);
    }

    /** A clean restart: {@code pg_ctl restart -m fast} ends every session (57P01) and starts the server again. */
    public void restartFast() throws IOException, InterruptedException {
        run(ctl("restart", "-m", "fast"), true);
    }

    private List<String> ctl(String... args) {
        if (pgCtl == null) throw new IllegalStateException("only a cluster this JVM started can be restarted");
        List<String> cmd = new ArrayList<>(pgCtl);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    }

    /** The newest installed server's bin folder, or null. */
    static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString()))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static PgTestCluster start(Path bin) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lstm-tuner-pg-");
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // initdb refuses to run as root: run the server as the postgres (or nobody) account then
        List<String> asUser = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            String account = run(List.of("id", "-u", "postgres"), false) == 0 ? "postgres" : "nobody";
            run(List.of("chown", account, dir.toString()), true);
            asUser.addAll(List.of("runuser", "-u", account, "--"));
        }
        List<String> initdb = new ArrayList<>(asUser);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--no-sync"));
        run(initdb, true);
        // listens on every address so that the multi-host test's network namespaces reach it over their veth link;
        // throwaway data: no fsync
        Files.writeString(data.resolve("postgresql.conf"), "\nlisten_addresses = '*'\nport = " + port
                + "\nunix_socket_directories = '" + dir + "'\nfsync = off\nsynchronous_commit = off\n"
                + "full_page_writes = off\nmax_connections = 300\n", StandardOpenOption.APPEND);
        Files.writeString(data.resolve("pg_hba.conf"), "\nhost all all 0.0.0.0/0 scram-sha-256\n",
                StandardOpenOption.APPEND);
        List<String> ctl = new ArrayList<>(asUser);
        ctl.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60"));
        List<String> startCmd = new ArrayList<>(ctl);
        startCmd.add("start");
        run(startCmd, true);
        PgTestCluster c = new PgTestCluster("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres",
                "127.0.0.1", port, data, ctl);
        // at exit: SIGQUIT to the postmaster is PostgreSQL's immediate shutdown (root may signal it directly)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
                new ProcessBuilder("kill", "-QUIT", pid).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
                new ProcessBuilder("rm", "-rf", dir.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(20, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException | RuntimeException ignored) {
                // best effort at exit
            }
        }, "pg-test-cluster-stop"));
        return c;
    }

    /** Runs a command with its output in a file (a pipe could be held open by the server it starts). */
    private static int run(List<String> cmd, boolean mustSucceed) throws IOException, InterruptedException {
        Path log = Files.createTempFile("pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish in 90 s");
            }
            int code = p.exitValue();
            if (mustSucceed && code != 0) {
                throw new IOException(String.join(" ", cmd) + " exited " + code + ": " + Files.readString(log));
            }
            return code;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** A new, empty database on the server; its JDBC URL (with the user, never a password). */
    public String freshDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet())
                .toLowerCase().replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + adminUrl + ": " + e.getMessage(), e);
        }
        return withDatabase(adminUrl, name);
    }

    /** Runs SQL on the server's admin database (e.g. to create a role). */
    public void admin(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + adminUrl + ": " + e.getMessage(), e);
        }
    }

    /** The TCP port of a cluster this JVM started; -1 for one given by LSTM_TUNER_TEST_PG_URL. */
    public int port() {
        return port;
    }

    /** True when this JVM started the cluster (so it listens on every address with password logins). */
    public boolean ownCluster() {
        return dataDir != null;
    }

    static String withDatabase(String url, String db) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String params = q < 0 ? "" : url.substring(q);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + db + params;
    }
}
