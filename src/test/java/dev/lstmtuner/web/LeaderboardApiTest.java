package dev.lstmtuner.web;

import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.testtools.JavalinTest;

import okhttp3.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private Store store;

    @BeforeEach
    void seed() {
        store = newStore(dir);
        WebFixture.seed(store, dir);
    }

    /** The store the API reads; subclasses run the same tests over H2 and PostgreSQL. */
    protected Store newStore(Path dir) {
        return new InMemoryStore();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Got(int status, JsonNode body) {
    }

    private static Got get(io.javalin.testtools.HttpClient client, String path) throws Exception {
        try (Response r = client.get(path)) {
            return new Got(r.code(), JSON.readTree(r.body().string()));
        }
    }

    @Test
    void campaignsListCountsTrialsByStateAndBestObjective() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            Got g = get(client, "/api/campaigns");
            assertThat(g.status()).isEqualTo(200);
            JsonNode btc = null;
            for (JsonNode c : g.body()) if (c.get("name").asText().equals(WebFixture.BTC)) btc = c;
            assertThat(btc).isNotNull();
            assertThat(btc.get("counts").get("complete").asLong()).isEqualTo(8);
            assertThat(btc.get("counts").get("failed").asLong()).isEqualTo(1);
            assertThat(btc.get("running").asBoolean()).isTrue();
            assertThat(btc.get("symbol").asText()).isEqualTo("BTC");
            assertThat(btc.get("best_objective").isNumber()).isTrue();
            assertThat(get(client, "/api/campaigns?symbol=ETH").body()).hasSize(1);
        });
    }

    @Test
    void failedAndPrunedTrialsNeverOutrankCompletedOnesWhateverTheSort() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            for (String q : List.of("sort=objective", "sort=objective&order=desc", "sort=learning_rate&order=asc",
                    "sort=test_rmse&order=desc", "sort=number&order=desc")) {
                Got g = get(client, "/api/trials?campaign=" + enc(WebFixture.BTC) + "&limit=100&" + q);
                assertThat(g.status()).as(q).isEqualTo(200);
                List<String> states = new ArrayList<>();
                g.body().get("items").forEach(t -> states.add(t.get("state").asText()));
                int lastComplete = states.lastIndexOf("complete");
                assertThat(states.subList(0, lastComplete + 1)).as(q).containsOnly("complete");
            }
            Got best = get(client, "/api/trials?campaign=" + enc(WebFixture.BTC) + "&limit=3");
            JsonNode items = best.body().get("items");
            assertThat(items.get(0).get("objective").asDouble()).isLessThanOrEqualTo(items.get(1).get("objective").asDouble());
            assertThat(best.body().get("best_id").asLong()).isEqualTo(items.get(0).get("id").asLong());
            assertThat(best.body().get("total").asLong()).isEqualTo(12);
        });
    }

    @Test
    void pagesWithOffsetOrCursorAndFiltersByStateAndParamRange() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            String base = "/api/trials?campaign=" + enc(WebFixture.BTC);
            Got p1 = get(client, base + "&limit=5");
            String cursor = p1.body().get("next_cursor").asText();
            Got p2 = get(client, base + "&limit=5&cursor=" + cursor);
            Got p2b = get(client, base + "&limit=5&offset=5");
            assertThat(p2.body().get("items")).isEqualTo(p2b.body().get("items"));
            assertThat(p2.body().get("offset").asInt()).isEqualTo(5);

            Got failed = get(client, base + "&state=failed");
            assertThat(failed.body().get("total").asLong()).isEqualTo(1);
            assertThat(failed.body().get("items").get(0).get("failure_reason").asText()).contains("NaN");

            Got range = get(client, base + "&min.learning_rate=0.0005&max.learning_rate=0.002&limit=100");
            assertThat(range.body().get("items")).allSatisfy(t -> assertThat(t.get("params").get("learning_rate").asDouble())
                    .isBetween(0.0005, 0.002));
            assertThat(range.body().get("total").asLong()).isEqualTo(range.body().get("items").size());
            assertThat(get(client, base + "&symbol=ETH").body().get("total").asLong()).isZero();
        });
    }

    /** Every page from the first by next_cursor; the ids in the order listed. */
    private static List<Long> walk(io.javalin.testtools.HttpClient client, String query, int limit) throws Exception {
        List<Long> ids = new ArrayList<>();
        Got p = get(client, query + "&limit=" + limit);
        for (int pages = 0; ; pages++) {
            assertThat(p.status()).as(query).isEqualTo(200);
            assertThat(p.body().get("offset").asInt()).as("offset of page %d", pages).isEqualTo(ids.size());
            p.body().get("items").forEach(t -> ids.add(t.get("id").asLong()));
            if (p.body().get("next_cursor").isNull()) return ids;
            assertThat(pages).as("the walk ends").isLessThan(100);
            p = get(client, query + "&limit=" + limit + "&cursor=" + p.body().get("next_cursor").asText());
        }
    }

    private static List<Long> ids(Got page) {
        List<Long> ids = new ArrayList<>();
        page.body().get("items").forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    @Test
    void walkingNextCursorsListsEveryTrialOnceInOrderForEverySortKeyAndOrder() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            String base = "/api/trials?campaign=" + enc(WebFixture.BTC);
            for (String key : store.sortKeys(WebFixture.BTC)) {
                for (String order : List.of("", "&order=asc", "&order=desc")) {
                    String q = base + "&sort=" + key + order;
                    List<Long> all = ids(get(client, q + "&limit=1000"));
                    assertThat(walk(client, q, 5)).as(q).containsExactlyElementsOf(all);
                }
            }
            String failed = base + "&state=complete&sort=learning_rate";
            assertThat(walk(client, failed, 3)).containsExactlyElementsOf(ids(get(client, failed + "&limit=1000")));
        });
    }

    @Test
    void aCursorPageStaysPutWhenBetterTrialsArriveWhileAnOffsetPageShifts() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            String base = "/api/trials?campaign=" + enc(WebFixture.BTC) + "&limit=4";
            Got first = get(client, base);
            String cursor = first.body().get("next_cursor").asText();
            List<Long> second = ids(get(client, base + "&cursor=" + cursor));
            ForecastMetrics m = new ForecastMetrics(0.7, 1.0, 0.1, 0.99, 0.6);
            store.start(WebFixture.BTC, Map.of("learning_rate", 0.001), "w", "cpu")
                    .complete(new FinalMetrics(m, m, 0.5, 1.0, 10_000, 8, 5, 1.0, 120), 1.0);
            assertThat(ids(get(client, base + "&cursor=" + cursor))).isEqualTo(second);
            assertThat(ids(get(client, base + "&offset=4"))).as("an offset page moves by the new trial")
                    .isNotEqualTo(second).contains(first.body().get("items").get(3).get("id").asLong());
        });
    }

    @Test
    void aCursorIsRefusedWithAnotherSortOrderOrStateAndWhenForged() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            String base = "/api/trials?campaign=" + enc(WebFixture.BTC) + "&limit=3";
            String cursor = get(client, base + "&sort=test_rmse").body().get("next_cursor").asText();
            assertThat(get(client, base + "&sort=test_rmse&cursor=" + cursor).status()).isEqualTo(200);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            for (String bad : List.of(base + "&sort=skill&cursor=" + cursor, base + "&sort=test_rmse&order=desc&cursor="
                            + cursor, base + "&sort=test_rmse&state=complete&cursor=" + cursor,
                    base + "&cursor=" + b64.encodeToString("{\"v\":1,\"r\":9,\"n\":1,\"o\":0}".getBytes(StandardCharsets.UTF_8)),
                    base + "&cursor=" + b64.encodeToString("{\"v\":1,\"r\":0,\"o\":3}".getBytes(StandardCharsets.UTF_8)),
                    base + "&cursor=" + b64.encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8)))) {
                Got g = get(client, bad);
                assertThat(g.status()).as(bad).isEqualTo(400);
                assertThat(g.body().get("parameter").asText()).isEqualTo("cursor");
            }
            assertThat(get(client, base + "&sort=skill&cursor=" + cursor).body().get("error").asText())
                    .contains("test_rmse");
        });
    }

    @Test
    void badParametersAre400NamingTheParameterAndUnknownIdsAre404() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            String base = "/api/trials?campaign=" + enc(WebFixture.BTC);
            Object[][] cases = {
                    {base + "&sort=drop%20table%20trial", "sort"},
                    {base + "&limit=abc", "limit"},
                    {base + "&limit=0", "limit"},
                    {base + "&order=sideways", "order"},
                    {base + "&state=exploded", "state"},
                    {base + "&cursor=zzz", "cursor"},
                    {base + "&min.learning_rate=cheap", "min.learning_rate"},
                    {base + "&min.nonexistent=1", "min.nonexistent"},
                    {"/api/trials", "campaign"},
                    {"/api/compare?ids=1", "ids"},
                    {"/api/compare?ids=1,2,3,4,5", "ids"},
                    {"/api/compare?ids=1,x", "ids"},
                    {"/api/trials/abc", "id"},
                    {"/api/epochs?ids=", "ids"},
            };
            for (Object[] c : cases) {
                Got g = get(client, (String) c[0]);
                assertThat(g.status()).as((String) c[0]).isEqualTo(400);
                assertThat(g.body().get("parameter").asText()).as((String) c[0]).isEqualTo(c[1]);
                assertThat(g.body().get("error").asText()).isNotBlank();
            }
            assertThat(get(client, "/api/trials/999999").status()).isEqualTo(404);
            assertThat(get(client, "/api/trials?campaign=nope").status()).isEqualTo(404);
            assertThat(get(client, "/api/campaign?name=nope").status()).isEqualTo(404);
            assertThat(get(client, "/api/compare?ids=1,999999").status()).isEqualTo(404);
            assertThat(get(client, "/api/charts?campaign=nope").status()).isEqualTo(404);
        });
    }

    @Test
    void trialDetailHasConfigProvenanceArtifactsAndReproduceCommand() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            long id = store.trial(WebFixture.BTC, 1).orElseThrow().id();
            Got g = get(client, "/api/trials/" + id);
            assertThat(g.status()).isEqualTo(200);
            JsonNode d = g.body();
            assertThat(d.get("trial").get("metrics").get("skill").isNumber()).isTrue();
            assertThat(d.get("config").asText()).contains("\"learning_rate\"");
            assertThat(d.get("reproduce").asText()).contains("lstm-tuner train --config trial-quick-BTC-1.json");
            assertThat(d.get("provenance").get("git_commit").asText()).isEqualTo("abc123");
            assertThat(d.get("artifacts").get(0).get("kind").asText()).isEqualTo("predictions");
            assertThat(d.get("has_predictions").asBoolean()).isTrue();
            assertThat(d.get("diagnoses").get("best_epoch").isInt()).isTrue();
            assertThat(d.get("diagnoses").get("curve").asBoolean()).isTrue();

            Got curves = get(client, "/api/epochs?ids=" + id);
            assertThat(curves.body().get(Long.toString(id)).get(0).has("train_loss")).isTrue();
            assertThat(curves.body().get(Long.toString(id)).get(0).get("fidelity").asDouble()).isEqualTo(1.0);
            Got pred = get(client, "/api/trials/" + id + "/predictions");
            assertThat(pred.body().get("windows").asInt()).isEqualTo(120);
            assertThat(pred.body().get("last_close")).hasSize(120);
            long failedId = store.trial(WebFixture.BTC, 10).orElseThrow().id();
            assertThat(get(client, "/api/trials/" + failedId + "/predictions").status()).isEqualTo(404);
        });
    }

    @Test
    void compareMarksDifferingParamsGivesDeltasAndADieboldMarianoVerdict() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            long a = store.trial(WebFixture.BTC, 1).orElseThrow().id();
            long b = store.trial(WebFixture.BTC, 2).orElseThrow().id();
            Got g = get(client, "/api/compare?ids=" + a + "," + b);
            assertThat(g.status()).isEqualTo(200);
            JsonNode lr = null;
            for (JsonNode p : g.body().get("params")) if (p.get("name").asText().equals("learning_rate")) lr = p;
            assertThat(lr.get("differs").asBoolean()).isTrue();
            JsonNode rmse = null;
            for (JsonNode m : g.body().get("metrics")) if (m.get("key").asText().equals("test_rmse")) rmse = m;
            assertThat(rmse.get("deltas").get(0).asDouble()).isZero();
            assertThat(rmse.get("deltas").get(1).asDouble())
                    .isEqualTo(rmse.get("values").get(1).asDouble() - rmse.get("values").get(0).asDouble());
            JsonNode dm = g.body().get("dm").get(0);
            assertThat(dm.get("n").asInt()).isEqualTo(120);
            assertThat(dm.get("p_value").asDouble()).isBetween(0.0, 1.0);
            assertThat(dm.get("verdict").asText()).containsAnyOf("#1", "#2");
        });
    }

    @Test
    void chartsGiveHistoryWithBestSoFarAndDocumentedImportance() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            Got g = get(client, "/api/charts?campaign=" + enc(WebFixture.BTC));
            JsonNode h = g.body().get("history");
            double best = Double.MAX_VALUE;
            for (JsonNode p : h) {
                if (p.get("objective").isNumber()) best = Math.min(best, p.get("objective").asDouble());
                if (p.get("best_so_far").isNumber()) assertThat(p.get("best_so_far").asDouble()).isEqualTo(best);
            }
            assertThat(g.body().get("importance")).hasSize(4);
            assertThat(g.body().get("importance_method").asText()).contains("variance");
            // 8 COMPLETE trials at their objective and the PRUNED one at its last value
            assertThat(g.body().get("points")).hasSize(9);
            assertThat(g.body().get("points").get(8).get("state").asText()).isEqualTo("pruned");
        });
    }

    @Test
    void symbolsTableHasOneRowPerSymbolWithTutorialColumns() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            Got g = get(client, "/api/symbols?group=quick-");
            assertThat(g.body()).hasSize(2);
            assertThat(g.body().get(0).get("symbol").asText()).isEqualTo("BTC");
            assertThat(g.body().get(0).get("r2").isNumber()).isTrue();
            assertThat(g.body().get(0).get("training_seconds").isNumber()).isTrue();
        });
    }

    @Test
    void theApiIsReadOnly() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            try (Response r = client.post("/api/trials?campaign=" + enc(WebFixture.BTC), "{}")) {
                assertThat(r.code()).isIn(404, 405);
            }
            try (Response r = client.request("/api/campaign?name=" + enc(WebFixture.BTC), b -> b.delete())) {
                assertThat(r.code()).isIn(404, 405);
            }
            assertThat(store.campaign(WebFixture.BTC)).isPresent();
        });
    }

    @Test
    void servesThePagesAndEchartsFromTheJar() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            try (Response r = client.get("/")) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).contains("app.js");
            }
            try (Response r = client.get("/webjars/echarts/5.3.1/dist/echarts.min.js")) {
                assertThat(r.code()).isEqualTo(200);
            }
        });
    }
}
