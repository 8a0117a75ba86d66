package dev.lstmtuner.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import io.javalin.testtools.JavalinTest;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes of the read-only API: wrong methods and offsets at the edge of an int. */
class ApiRobustnessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private Store seeded() {
        Store store = new InMemoryStore();
        WebFixture.seed(store, dir);
        return store;
    }

    @Test
    void writingMethodsOnApiRoutesAre405() {
        Store store = seeded();
        String path = "/api/trials?campaign=" + URLEncoder.encode(WebFixture.BTC, StandardCharsets.UTF_8);
        RequestBody body = RequestBody.create("{}", MediaType.get("application/json"));
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            try (Response r = client.request(path, b -> b.post(body))) {
                assertThat(r.code()).isEqualTo(405);
            }
            try (Response r = client.request(path, b -> b.put(body))) {
                assertThat(r.code()).isEqualTo(405);
            }
            try (Response r = client.request("/api/campaign?name=x", b -> b.delete())) {
                assertThat(r.code()).isEqualTo(405);
            }
            try (Response r = client.get("/api/nothing-here")) {
                assertThat(r.code()).isEqualTo(404);
            }
        });
        assertThat(store.campaign(WebFixture.BTC)).isPresent();
    }

    @Test
    void anOffsetNearTheIntLimitIsRefusedInsteadOfOverflowingTheNextCursor() {
        Store store = seeded();
        String base = "/api/trials?campaign=" + URLEncoder.encode(WebFixture.BTC, StandardCharsets.UTF_8);
        String huge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"v\":1,\"o\":" + Integer.MAX_VALUE + "}").getBytes(StandardCharsets.UTF_8));
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            for (String[] c : new String[][]{{base + "&offset=2147483647", "offset"}, {base + "&cursor=" + huge, "cursor"}}) {
                try (Response r = client.get(c[0])) {
                    JsonNode b = JSON.readTree(r.body().string());
                    assertThat(r.code()).as(c[0]).isEqualTo(400);
                    assertThat(b.get("parameter").asText()).isEqualTo(c[1]);
                }
            }
            try (Response r = client.get(base + "&offset=" + Cursor.MAX_OFFSET + "&limit=1000")) {
                JsonNode b = JSON.readTree(r.body().string());
                assertThat(r.code()).isEqualTo(200);
                assertThat(b.get("next_cursor").isNull()).isTrue();
            }
        });
    }
}
