package dev.lstmtuner.store;

import org.junit.jupiter.api.BeforeAll;

/** The Store contract on PostgreSQL (a fresh database for each test). */
class PgStoreContractTest extends StoreContractTest {
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
