package dev.lstmtuner.web;

import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import org.junit.jupiter.api.AfterEach;

import java.nio.file.Path;

/** The leaderboard API tests over PostgreSQL (skipped with a message where no server can be started). */
class LeaderboardApiPgTest extends LeaderboardApiTest {
    private Store opened;

    @Override
    protected Store newStore(Path dir) {
        opened = StoreFactory.open(PgTestCluster.get().freshDatabase("api"));
        return opened;
    }

    @AfterEach
    void closeStore() {
        if (opened != null) opened.close();
    }
}
