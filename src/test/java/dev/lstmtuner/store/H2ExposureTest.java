package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.TrialState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What another host or user can reach of a local store: the AUTO_SERVER port, its login, its files. */
class H2ExposureTest {
    @TempDir
    Path dir;

    @Test
    void autoServerListensOnLoopbackOnly() throws Exception {
        try (Store store = StoreFactory.open(dir.resolve("s").toString())) {
            store.createCampaign(CampaignSpec.single("c", "{}"));
            int port = serverPort(dir.resolve("s.lock.db"));
            List<String> listening = listeningAddresses(port);
            assertThat(listening).as("sockets listening on port " + port).isNotEmpty();
            assertThat(listening).allSatisfy(a -> assertThat(a).isIn(
                    "0100007F",                                // 127.0.0.1
                    "0000000000000000FFFF00000100007F",        // ::ffff:127.0.0.1
                    "00000000000000000000000001000000"));      // ::1
        }
    }

    @Test
    void theStoreHasItsOwnPasswordInAFileOnlyItsOwnerCanRead() throws Exception {
        String url = StoreFactory.jdbcUrl(dir.resolve("s").toString());
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(CampaignSpec.single("c", "{}"));
            assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
        }
        Path key = dir.resolve("s.password");
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(key).trim()).hasSizeGreaterThanOrEqualTo(32);
        try (Connection c = DriverManager.getConnection(url, "sa", StoreFactory.password(url))) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void aStoreMadeBeforePasswordsGetsOneAndKeepsItsTrials() throws Exception {
        String url = StoreFactory.jdbcUrl(dir.resolve("old").toString());
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(CampaignSpec.single("kept", "{}"));
            store.enqueue("kept", Map.of());
        }
        try (Connection c = DriverManager.getConnection(url, "sa", StoreFactory.password(url));
             Statement s = c.createStatement()) {
            s.execute("ALTER USER sa SET PASSWORD ''"); // as every store was before
        }
        Files.delete(dir.resolve("old.password"));
        try (Store store = StoreFactory.open(url)) {
            assertThat(store.countByState("kept").get(TrialState.WAITING)).isEqualTo(1);
        }
        assertThat(dir.resolve("old.password")).exists();
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class);
    }

    @Test
    void anEmptyStoreFileIsRefusedNotInitialised() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.mv.db"));
        assertThatThrownBy(() -> StoreFactory.open(dir.resolve("empty").toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("empty file");
        assertThat(Files.size(file)).isZero();
        assertThat(dir.resolve("empty.password")).doesNotExist();
    }

    @Test
    void aForeignH2DatabaseIsRefusedInPlainWordsAndLeftAlone() throws Exception {
        String url = StoreFactory.jdbcUrl(dir.resolve("other").toString());
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customers (id INT PRIMARY KEY)");
        }
        assertThatThrownBy(() -> StoreFactory.open(url)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not an lstm-tuner database").hasMessageContaining("CUSTOMERS")
                .hasMessageNotContaining("baseline");
        assertThat(dir.resolve("other.password")).doesNotExist();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void aSearchUrlWithoutAutoServerIsMadeShareable() {
        assertThat(StoreFactory.shareable("jdbc:h2:file:/x/y")).isEqualTo("jdbc:h2:file:/x/y;AUTO_SERVER=TRUE");
        assertThat(StoreFactory.shareable("jdbc:h2:file:/x/y;AUTO_SERVER=TRUE")).isEqualTo("jdbc:h2:file:/x/y;AUTO_SERVER=TRUE");
        assertThat(StoreFactory.shareable("jdbc:h2:file:/x/y;AUTO_SERVER=FALSE")).isEqualTo("jdbc:h2:file:/x/y;AUTO_SERVER=TRUE");
        assertThat(StoreFactory.shareable("jdbc:h2:tcp://host/x")).isEqualTo("jdbc:h2:tcp://host/x");
    }

    private static int serverPort(Path lock) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(lock)) {
            p.load(r);
        }
        String server = p.getProperty("server");
        return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
    }

    /** Local addresses (hex, as the kernel lists them) of sockets listening on this port. */
    private static List<String> listeningAddresses(int port) throws Exception {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[1].contains(":")) continue;
                String[] local = f[1].split(":");
                if (local[1].equals(hexPort) && f[3].equals("0A")) out.add(local[0]);
            }
        }
        return out;
    }
}
