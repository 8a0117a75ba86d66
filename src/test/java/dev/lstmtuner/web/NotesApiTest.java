package dev.lstmtuner.web;

import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lstmtuner.store.Note;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Notes and tags over H2 (PostgreSQL: the Pg subclass): off by default, and with --allow-notes only from this origin with this browser's token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotesApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    @TempDir
    static Path dir;
    private Store store;

    @BeforeAll
    void seed() {
        store = open(dir);
        HonestyFixture.seed(store, dir);
    }

    /** The store under test; a subclass runs the same tests over PostgreSQL. */
    protected Store open(Path dir) {
        return StoreFactory.open(dir.resolve("store").toString());
    }

    @AfterAll
    void close() {
        store.close();
    }

    private record Browser(String cookie, String token) {
    }

    private static Browser session(HttpClient client) throws Exception {
        try (Response r = client.get("/api/session")) {
            JsonNode body = JSON.readTree(r.body().string());
            String cookie = r.header("Set-Cookie");
            assertThat(cookie).startsWith(NoteWrites.COOKIE + "=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
            return new Browser(cookie.substring(0, cookie.indexOf(';')), body.path("csrf_token").asText(null));
        }
    }

    /** The status and the error message, e.g. "403 refused a write from another origin ...". */
    private static String post(HttpClient client, String body, Consumer<Request.Builder> headers) throws Exception {
        try (Response r = client.request("/api/notes", b -> {
            b.post(RequestBody.create(body, JSON_TYPE));
            headers.accept(b);
        })) {
            return r.code() + " " + JSON.readTree(r.body().string()).path("error").asText("");
        }
    }

    private String body(String kind, String text) throws Exception {
        return JSON.writeValueAsString(Map.of("campaign", HonestyFixture.NAME, "kind", kind, "text", text,
                "trial_id", store.trial(HonestyFixture.NAME, 2).orElseThrow().id()));
    }

    @Test
    void writesAreRefusedUnlessTheServerAllowsNotes() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            try (Response r = client.get("/api/session")) {
                JsonNode s = JSON.readTree(r.body().string());
                assertThat(s.get("notes_enabled").asBoolean()).isFalse();
                assertThat(s.has("csrf_token")).isFalse();
            }
            String self = client.getOrigin();
            assertThat(post(client, body("tag", "keep"), b -> b.header("Origin", self))).startsWith("403 notes are read-only here");
            assertThat(store.notes(HonestyFixture.NAME)).isEmpty();
        });
    }

    @Test
    void aWriteNeedsThisOriginJsonAndThisBrowsersToken() {
        JavalinTest.test(LeaderboardServer.create(store, 0, true), (server, client) -> {
            Browser me = session(client);
            Browser other = session(client);
            assertThat(me.token()).isNotBlank().isNotEqualTo(other.token());
            String self = client.getOrigin();
            String xss = "<img src=x onerror=alert(1)>";
            assertThat(post(client, body("tag", xss), b -> b.header("Origin", "http://evil.example")
                    .header("Cookie", me.cookie()).header(NoteWrites.HEADER, me.token()))).startsWith("403 refused a write from another origin");
            assertThat(post(client, body("tag", xss), b -> b.header("Origin", self).header("Cookie", me.cookie())))
                    .startsWith("403 missing or wrong X-CSRF-Token");
            assertThat(post(client, body("tag", xss), b -> b.header("Origin", self).header("Cookie", me.cookie())
                    .header(NoteWrites.HEADER, other.token()))).startsWith("403 missing or wrong X-CSRF-Token");
            assertThat(post(client, body("tag", xss), b -> b.header("Origin", self)
                    .header(NoteWrites.HEADER, me.token()))).startsWith("403 missing or wrong X-CSRF-Token");
            String plain = body("tag", "x");
            try (Response r = client.request("/api/notes", b -> b.post(RequestBody.create(plain,
                    MediaType.get("text/plain"))).header("Origin", self).header("Cookie", me.cookie())
                    .header(NoteWrites.HEADER, me.token()))) {
                assertThat(r.code()).as("a form post: " + r.body().string()).isEqualTo(415);
            }
            assertThat(store.notes(HonestyFixture.NAME)).isEmpty();

            assertThat(post(client, body("tag", xss), b -> b.header("Origin", self).header("Cookie", me.cookie())
                    .header(NoteWrites.HEADER, me.token()))).startsWith("201");
            assertThat(post(client, body("note", "  "), b -> b.header("Origin", self).header("Cookie", me.cookie())
                    .header(NoteWrites.HEADER, me.token()))).isEqualTo("400 a note needs some text");
            Note stored = store.notes(HonestyFixture.NAME).get(0);
            assertThat(stored.text()).isEqualTo(xss);
            assertThat(stored.kind()).isEqualTo(Note.Kind.TAG);
            try (Response r = client.get("/api/notes?campaign=" + HonestyFixture.NAME)) {
                assertThat(r.header("Content-Type")).startsWith("application/json");
                assertThat(JSON.readTree(r.body().string()).get(0).get("text").asText()).isEqualTo(xss);
            }
            try (Response r = client.request("/api/notes/" + stored.id(), b -> b.delete().header("Origin", "http://evil.example")
                    .header("Cookie", me.cookie()).header(NoteWrites.HEADER, me.token()))) {
                assertThat(r.code()).isEqualTo(403);
            }
            try (Response r = client.request("/api/notes/" + stored.id(), b -> b.delete().header("Origin", self)
                    .header("Cookie", me.cookie()).header(NoteWrites.HEADER, me.token()))) {
                assertThat(r.code()).isEqualTo(204);
            }
            assertThat(store.notes(HonestyFixture.NAME)).isEmpty();
        });
    }
}
