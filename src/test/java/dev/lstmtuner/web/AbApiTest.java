package dev.lstmtuner.web;

import dev.lstmtuner.analysis.AbTable;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.testtools.JavalinTest;

import okhttp3.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/ab gives a plan campaign's A/B table as analysis computed it, and says plainly when a campaign is no plan. */
class AbApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private static JsonNode get(io.javalin.testtools.HttpClient client, String path) throws Exception {
        try (Response r = client.get(path)) {
            assertThat(r.code()).isEqualTo(200);
            return JSON.readTree(r.body().string());
        }
    }

    @Test
    void thePlanCampaignsArmsVerdictsAndPersistenceAreTheTables() {
        Store store = new InMemoryStore();
        AbFixture.campaign(store, dir, "ab", 4, new double[]{1.0, 0.6, 1.0}, 1);
        WebFixture.campaign(store, dir, "search", "BTC", 6, 2, true);
        Campaign c = store.campaign("ab").orElseThrow();
        AbTable table = AbTable.of(store, c, AbPlan.of(c).orElseThrow());
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode ab = get(client, "/api/ab?campaign=ab");
            assertThat(ab.get("plan").asBoolean()).isTrue();
            assertThat(ab.get("chosen").asText()).isEqualTo(table.chosen());
            assertThat(ab.get("arms")).hasSize(3);
            for (int i = 0; i < 3; i++) {
                JsonNode arm = ab.get("arms").get(i);
                AbTable.Row row = table.rows().get(i);
                assertThat(arm.get("arm").asText()).isEqualTo(row.arm());
                assertThat(arm.get("objective").asDouble()).isEqualTo(row.objective().mean());
                assertThat(arm.get("rmse_sd").asDouble()).isEqualTo(row.rmse().sd());
                assertThat(arm.get("trial_ids")).hasSize(4);
                if (i == 0) assertThat(arm.get("verdict").isNull()).isTrue();
                else assertThat(arm.get("verdict").asText()).isEqualTo(row.vsBaseline().words());
            }
            assertThat(ab.get("arms").get(1).get("verdict_kind").asText()).isEqualTo("better");
            assertThat(ab.get("persistence_rmse").asDouble()).isEqualTo(table.persistenceRmse().mean());
            assertThat(get(client, "/api/ab?campaign=search").get("plan").asBoolean()).isFalse();
        });
    }
}
