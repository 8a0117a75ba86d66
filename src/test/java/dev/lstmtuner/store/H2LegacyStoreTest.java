package dev.lstmtuner.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A version-4 H2 file store (sa with no password, as c39c5d4 made them before a first open) opened by this version. */
class H2LegacyStoreTest extends LegacyStoreTest {
    @TempDir
    Path dir;

    @Override
    protected String[] freshDatabase() {
        return new String[]{"jdbc:h2:file:" + dir.resolve("store"), "sa", ""};
    }

    @Override
    protected String vendor() {
        return "h2";
    }

    @Override
    protected String storeSpec(String url) {
        return dir.resolve("store").toString();
    }
}
