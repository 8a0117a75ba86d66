package dev.lstmtuner.store;

import org.junit.jupiter.api.BeforeAll;

/** The steering contract on PostgreSQL (a fresh database for each test). */
class PgStoreSteeringContractTest extends StoreSteeringContractTest {
    private static PgTestCluster cluster;

    @BeforeAll
    static void server() {
        cluster = PgTestCluster.get();
    }

    @Override
    protected Store newStore() {
        return StoreFactory.open(cluster.freshDatabase("steering"));
    }
}
