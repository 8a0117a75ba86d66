package dev.lstmtuner.store;

/** The Store contract on PostgreSQL (a fresh database for each test). */
class PgStoreContractTest extends StoreContractTest {
    @Override
    protected Store newStore() {
        return StoreFactory.open(PgTestCluster.get().freshDatabase("contract"));
    }
}
