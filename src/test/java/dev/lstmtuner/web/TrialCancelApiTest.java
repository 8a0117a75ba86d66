package dev.lstmtuner.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancelling a trial from the leaderboard: behind the notes' write guard, then CANCELLED. */
class TrialCancelApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Store store = new InMemoryStore();

    private long runningTrial() {
        store.createCampaign(CampaignSpec.single("c", "{}"));
        return store.start("c", Map.of("lr", 0.1), "w", "cpu").trialId();
    }

    private static String cancel(HttpClient client, long id, Consumer<Request.Builder> headers) throws Exception {
        try (Response r = client.request("/api/trials/" + id + "/cancel", b -> {
            b.post(RequestBody.create("{}", MediaType.get("application/json")));
            headers.accept(b);
        })) {
            JsonNode body = JSON.readTree(r.body().string());
            return r.code() + " " + (body.has("error") ? body.get("error").asText() : body.path("state").asText());
        }
    }

    @Test
    void aCancelIsRefusedUnlessTheServerAllowsWrites() {
        long id = runningTrial();
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            assertThat(cancel(client, id, b -> b.header("Origin", client.getOrigin()))).startsWith("403 notes are read-only here");
            assertThat(store.trial(id).orElseThrow().state()).isEqualTo(TrialState.RUNNING);
        });
    }

    @Test
    void aCancelNeedsThisBrowsersTokenAndThenRecordsTheTrialAsCancelled() {
        long id = runningTrial();
        JavalinTest.test(LeaderboardServer.create(store, 0, true), (server, client) -> {
            String cookie;
            String token;
            try (Response r = client.get("/api/session")) {
                token = JSON.readTree(r.body().string()).path("csrf_token").asText();
                String c = r.header("Set-Cookie");
                cookie = c.substring(0, c.indexOf(';'));
            }
            String self = client.getOrigin();
            assertThat(cancel(client, id, b -> b.header("Origin", self).header("Cookie", cookie)))
                    .startsWith("403 missing or wrong X-CSRF-Token");
            assertThat(cancel(client, id, b -> b.header("Origin", "http://evil.example").header("Cookie", cookie)
                    .header(NoteWrites.HEADER, token))).startsWith("403");
            assertThat(store.trial(id).orElseThrow().state()).isEqualTo(TrialState.RUNNING);

            assertThat(cancel(client, id, b -> b.header("Origin", self).header("Cookie", cookie)
                    .header(NoteWrites.HEADER, token))).isEqualTo("200 cancelled");
            assertThat(store.trial(id).orElseThrow().state()).isEqualTo(TrialState.CANCELLED);
            assertThat(store.trial(id).orElseThrow().failureReason()).isEqualTo("cancelled by the leaderboard");
            assertThat(cancel(client, id, b -> b.header("Origin", self).header("Cookie", cookie)
                    .header(NoteWrites.HEADER, token))).startsWith("409 trial c/1 is CANCELLED already");
            assertThat(cancel(client, 999, b -> b.header("Origin", self).header("Cookie", cookie)
                    .header(NoteWrites.HEADER, token))).startsWith("404");
        });
    }
}
