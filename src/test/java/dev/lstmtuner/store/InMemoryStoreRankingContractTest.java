package dev.lstmtuner.store;

class InMemoryStoreRankingContractTest extends StoreRankingContractTest {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }
}
