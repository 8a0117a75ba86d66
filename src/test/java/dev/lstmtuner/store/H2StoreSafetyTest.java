package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class H2StoreSafetyTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotAnH2DatabaseIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("junk.mv.db");
        byte[] junk = "this is a CSV file, not a database\n1,2,3\n".repeat(200).getBytes();
        Files.write(file, junk);
        assertThatThrownBy(() -> StoreFactory.open(dir.resolve("junk").toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot open the experiment store")
                .hasMessageContaining("nothing was changed");
        assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    }

    @Test
    void aDatabaseWrittenByANewerVersionIsRefusedWithoutChanges() throws Exception {
        String url = StoreFactory.jdbcUrl(dir.resolve("future").toString());
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(CampaignSpec.single("kept", "{}"));
            store.enqueue("kept", Map.of());
        }
        try (Connection c = DriverManager.getConnection(url, "sa", StoreFactory.password(url)); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", "
                    + "\"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 1, 'sa', 1, TRUE)");
        }
        assertThatThrownBy(() -> StoreFactory.open(url))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("newer lstm-tuner")
                .hasMessageContaining("99");
        try (Connection c = DriverManager.getConnection(url, "sa", StoreFactory.password(url)); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM trial")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aForeignDatabaseWithoutOurSchemaHistoryIsRefused() throws Exception {
        String url = StoreFactory.jdbcUrl(dir.resolve("other").toString());
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE customers (id INT PRIMARY KEY)");
        }
        assertThatThrownBy(() -> StoreFactory.open(url)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("not an lstm-tuner database");
    }

    @Test
    void reopeningAStoreKeepsEverythingAndMigratesNothingTwice() {
        String url = StoreFactory.jdbcUrl(dir.resolve("again").toString());
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(CampaignSpec.single("c", "{}"));
            store.start("c", Map.of("lr", 0.1), "w", "cpu").complete(StoreContractTest.metrics(2, 0.1), 1.0);
        }
        try (Store store = StoreFactory.open(url)) {
            assertThat(store.best("c")).map(Trial::objective).contains(1.0);
        }
    }
}
