package dev.lstmtuner.store;

class InMemoryStoreContractTest extends StoreContractTest {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }
}
