package dev.lstmtuner.store;

/** The steering contract on PostgreSQL (a fresh database for each test). */
class PgStoreSteeringContractTest extends StoreSteeringContractTest {
    @Override
    protected Store newStore() {
        return StoreFactory.open(PgTestCluster.get().freshDatabase("steering"));
    }
}
