package dev.lstmtuner.web;

import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;

/** The per-family view over PostgreSQL (skipped with a message where no server can be started). */
class FamiliesApiPgTest extends FamiliesApiTest {
    @Override
    protected Store newStore() {
        return StoreFactory.open(PgTestCluster.get().freshDatabase("families"));
    }
}
