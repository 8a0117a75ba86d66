package dev.lstmtuner.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class H2StoreFidelityContractTest extends StoreFidelityContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return StoreFactory.open(dir.resolve("store").toString());
    }
}
