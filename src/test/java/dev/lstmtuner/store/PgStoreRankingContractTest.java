package dev.lstmtuner.store;

/** The ranking contract on PostgreSQL (a fresh database for each test). */
class PgStoreRankingContractTest extends StoreRankingContractTest {
    @Override
    protected Store newStore() {
        return StoreFactory.open(PgTestCluster.get().freshDatabase("ranking"));
    }
}
