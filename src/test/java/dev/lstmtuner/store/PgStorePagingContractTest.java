package dev.lstmtuner.store;

import org.junit.jupiter.api.BeforeAll;

/** Keyset paging on PostgreSQL (a fresh database for each test). */
class PgStorePagingContractTest extends StorePagingContractTest {
    private static PgTestCluster cluster;

    @BeforeAll
    static void server() {
        cluster = PgTestCluster.get();
    }

    @Override
    protected Store newStore() {
        return StoreFactory.open(cluster.freshDatabase("paging"));
    }
}
