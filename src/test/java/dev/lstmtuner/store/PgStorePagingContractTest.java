package dev.lstmtuner.store;

/** Keyset paging on PostgreSQL (a fresh database for each test). */
class PgStorePagingContractTest extends StorePagingContractTest {
    @Override
    protected Store newStore() {
        return StoreFactory.open(PgTestCluster.get().freshDatabase("paging"));
    }
}
