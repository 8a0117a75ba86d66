package dev.lstmtuner.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class H2StoreQueueContractTest extends StoreQueueContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return StoreFactory.open(dir.resolve("store").toString());
    }
}
