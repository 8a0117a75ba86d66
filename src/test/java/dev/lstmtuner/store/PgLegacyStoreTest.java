package dev.lstmtuner.store;

import org.junit.jupiter.api.BeforeAll;

/** A version-4 PostgreSQL store opened by this version. */
class PgLegacyStoreTest extends LegacyStoreTest {
    private static PgTestCluster cluster;

    @BeforeAll
    static void server() {
        cluster = PgTestCluster.get();
    }

    @Override
    protected String[] freshDatabase() {
        return new String[]{cluster.freshDatabase("legacy"), null, null};
    }

    @Override
    protected String vendor() {
        return "postgresql";
    }

    @Override
    protected String storeSpec(String url) {
        return url;
    }
}
