package dev.lstmtuner.store;

import org.junit.jupiter.api.BeforeAll;

/** The Store queue contract on PostgreSQL (a fresh database for each test). */
class PgStoreQueueContractTest extends StoreQueueContractTest {
    private static PgTestCluster cluster;

    @BeforeAll
    static void server() {
        cluster = PgTestCluster.get();
    }

    @Override
    protected Store newStore() {
        return StoreFactory.open(cluster.freshDatabase("contract"));
    }
}
