package dev.lstmtuner.store;

/** The Store queue contract on PostgreSQL (a fresh database for each test). */
class PgStoreQueueContractTest extends StoreQueueContractTest {
    @Override
    protected Store newStore() {
        return StoreFactory.open(PgTestCluster.get().freshDatabase("contract"));
    }
}
