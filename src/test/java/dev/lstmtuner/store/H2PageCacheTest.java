package dev.lstmtuner.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** A local H2 store is served with a page cache sized for 100k-trial leaderboards, unless its URL sets one. */
class H2PageCacheTest {
    @TempDir
    Path dir;

    /** The cache of the database the store serves (AUTO_SERVER), as another connection to it sees it, in MB. */
    private static int cacheMb(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", StoreFactory.password(url));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                     + "WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    @Test
    void aLocalStoreIsOpenedWithTheLargerPageCache() throws Exception {
        String url = StoreFactory.jdbcUrl(dir.resolve("s").toString());
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(CampaignSpec.single("c", "{}"));
            assertThat(cacheMb(url)).isEqualTo(H2LocalFile.CACHE_KB / 1024).isGreaterThan(16);
        }
    }

    @Test
    void aCacheSizeInTheUrlIsKept() throws Exception {
        String url = StoreFactory.jdbcUrl(dir.resolve("s").toString()) + ";CACHE_SIZE=8192";
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(CampaignSpec.single("c", "{}"));
            assertThat(cacheMb(url)).isEqualTo(8);
        }
    }
}
