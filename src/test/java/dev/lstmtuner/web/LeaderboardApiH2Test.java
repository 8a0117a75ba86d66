package dev.lstmtuner.web;

import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import org.junit.jupiter.api.AfterEach;

import java.nio.file.Path;

/** The leaderboard API tests over an H2 file store. */
class LeaderboardApiH2Test extends LeaderboardApiTest {
    private Store opened;

    @Override
    protected Store newStore(Path dir) {
        opened = StoreFactory.open(dir.resolve("api").toString());
        return opened;
    }

    @AfterEach
    void closeStore() {
        if (opened != null) opened.close();
    }
}
