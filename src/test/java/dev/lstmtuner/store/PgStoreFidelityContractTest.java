package dev.lstmtuner.store;

/** The fidelity contract on PostgreSQL (a fresh database for each test). */
class PgStoreFidelityContractTest extends StoreFidelityContractTest {
    @Override
    protected Store newStore() {
        return StoreFactory.open(PgTestCluster.get().freshDatabase("fidelity"));
    }
}
