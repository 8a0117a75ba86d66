package dev.lstmtuner.store;

class InMemoryStoreSteeringContractTest extends StoreSteeringContractTest {
    @Override
    protected Store newStore() {
        return new InMemoryStore();
    }
}
