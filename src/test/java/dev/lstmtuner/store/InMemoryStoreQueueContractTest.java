package dev.lstmtuner.store;

class InMemoryStoreQueueContractTest extends StoreQueueContractTest {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }
}
