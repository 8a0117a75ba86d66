package dev.lstmtuner.web;

import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The per-family view over an H2 file store. */
class FamiliesApiH2Test extends FamiliesApiTest {
    @TempDir
    static Path dir;

    @Override
    protected Store newStore() {
        return StoreFactory.open(dir.resolve("families").toString());
    }
}
