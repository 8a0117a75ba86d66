package dev.lstmtuner.web;

import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;

import java.nio.file.Path;

/** The notes API tests over PostgreSQL (skipped with a message where no server can be started). */
class NotesApiPgTest extends NotesApiTest {
    @Override
    protected Store open(Path dir) {
        return StoreFactory.open(PgTestCluster.get().freshDatabase("notes"));
    }
}
