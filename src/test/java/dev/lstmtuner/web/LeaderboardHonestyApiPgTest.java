package dev.lstmtuner.web;

import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;

import java.nio.file.Path;

/** The honest leaderboard's API tests over PostgreSQL (skipped with a message where no server can be started). */
class LeaderboardHonestyApiPgTest extends LeaderboardHonestyApiTest {
    @Override
    protected Store open(Path dir) {
        return StoreFactory.open(PgTestCluster.get().freshDatabase("honesty"));
    }
}
