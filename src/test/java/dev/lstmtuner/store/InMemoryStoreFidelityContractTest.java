package dev.lstmtuner.store;

class InMemoryStoreFidelityContractTest extends StoreFidelityContractTest {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }
}
