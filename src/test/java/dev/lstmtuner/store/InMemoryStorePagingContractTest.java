package dev.lstmtuner.store;

class InMemoryStorePagingContractTest extends StorePagingContractTest {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }
}
