package dev.lstmtuner.web;

import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Note;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.assertj.core.api.Assertions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import io.javalin.testtools.JavalinTest;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DNS rebinding, foreign origins and the token: what reaches the API, and what is refused with which status. */
class LeaderboardAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-token-0123456789";

    private static Store store() {
        Store s = new InMemoryStore();
        HonestyFixture.seed(s, Path.of(System.getProperty("java.io.tmpdir")));
        return s;
    }

    private static String error(Response r) throws Exception {
        return r.code() + " " + JSON.readTree(r.body().string()).path("error").asText("");
    }

    @Test
    void loopbackIsJudgedOnTheParsedAddressNotOnAPrefix() {
        assertThat(List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost"))
                .allMatch(WebAccess::isLoopback);
        assertThat(List.of("127.evil.example", "127.0.0.1.nip.io", "0.0.0.0", "10.0.0.1", "::", "example.com", "1270.0.0.1"))
                .noneMatch(WebAccess::isLoopback);
    }

    @Test
    void aRebindingHostGets421WithWhatToDoAndLoopbackNamesOnThisPortPass() {
        Store s = store();
        JavalinTest.test(LeaderboardServer.create(s, 0), (server, client) -> {
            int port = server.port();
            for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port)) {
                try (Response r = client.get("/api/campaigns", b -> b.header("Host", host))) {
                    assertThat(r.code()).as(host).isEqualTo(200);
                }
            }
            try (Response r = client.get("/api/campaigns", b -> b.header("Host", "rebind.example:" + port))) {
                assertThat(error(r)).startsWith("421 this leaderboard does not answer to the name 'rebind.example:" + port + "'")
                        .contains("--allowed-host rebind.example");
            }
            try (Response r = client.get("/api/campaigns", b -> b.header("Host", "127.0.0.1:" + (port + 1)))) {
                assertThat(r.code()).as("loopback on another port").isEqualTo(421);
            }
            try (Response r = client.get("/index.html", b -> b.header("Host", "rebind.example:" + port))) {
                assertThat(r.code()).as("static pages too").isEqualTo(421);
            }
        });
    }

    @Test
    void anAllowedHostAndTheBindAddressAreAnswered() {
        Store s = store();
        WebAccess access = new WebAccess("192.168.7.9", List.of("Tuner.LAN", "proxy.example:443"), null, ArtifactRoot.UNCONFINED);
        JavalinTest.test(LeaderboardServer.create(s, 0, false, access), (server, client) -> {
            int port = server.port();
            for (String host : List.of("tuner.lan:" + port, "192.168.7.9:" + port, "proxy.example:443")) {
                try (Response r = client.get("/api/campaigns", b -> b.header("Host", host))) {
                    assertThat(r.code()).as(host).isEqualTo(200);
                }
            }
            try (Response r = client.get("/api/campaigns", b -> b.header("Host", "proxy.example:" + port))) {
                assertThat(r.code()).isEqualTo(421);
            }
        });
    }

    @Test
    void theRebindingProbeStoresNoNoteAndAForeignOriginOnAGoodHostGets403() {
        Store s = store();
        JavalinTest.test(LeaderboardServer.create(s, 0, true), (server, client) -> {
            int port = server.port();
            String body = JSON.writeValueAsString(Map.of("campaign", HonestyFixture.NAME, "kind", "tag", "text", "pwned"));
            RequestBody json = RequestBody.create(body, MediaType.get("application/json"));
            try (Response r = client.request("/api/session", b -> b.header("Host", "rebind.example:" + port))) {
                assertThat(r.code()).isEqualTo(421);
            }
            try (Response r = client.request("/api/notes", b -> b.post(json).header("Host", "rebind.example:" + port)
                    .header("Origin", "http://rebind.example:" + port))) {
                assertThat(r.code()).isEqualTo(421);
            }
            try (Response r = client.request("/api/notes", b -> b.post(json).header("Origin", "http://rebind.example:" + port))) {
                assertThat(error(r)).startsWith("403 refused a write from another origin ('http://rebind.example:" + port + "'")
                        .contains("--allowed-host");
            }
            assertThat(s.notes(HonestyFixture.NAME)).isEmpty();
        });
    }

    @Test
    void withATokenEveryRequestNeedsItAsBearerOrTheLoginCookie() {
        Store s = store();
        WebAccess access = new WebAccess("0.0.0.0", List.of(), TOKEN.getBytes(StandardCharsets.UTF_8), ArtifactRoot.UNCONFINED);
        JavalinTest.test(LeaderboardServer.create(s, 0, false, access), (server, client) -> {
            try (Response r = client.get("/api/campaigns")) {
                assertThat(error(r)).startsWith("401 this leaderboard needs its token").contains("/login")
                        .contains("Authorization: Bearer");
            }
            try (Response r = client.get("/api/campaigns", b -> b.header("Authorization", "Bearer wrong-" + TOKEN))) {
                assertThat(r.code()).isEqualTo(401);
            }
            try (Response r = client.get("/api/campaigns", b -> b.header("Authorization", "Bearer " + TOKEN))) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).contains(HonestyFixture.NAME);
            }
            OkHttpClient noRedirects = client.getOkHttp().newBuilder().followRedirects(false).build();
            String base = client.getOrigin();
            try (Response r = noRedirects.newCall(new Request.Builder().url(base + "/index.html").build()).execute()) {
                assertThat(r.code()).as("a page redirects to the login").isEqualTo(302);
                assertThat(r.header("Location")).endsWith("/login");
            }
            try (Response r = noRedirects.newCall(new Request.Builder().url(base + "/login").build()).execute()) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).contains("<form method=\"post\" action=\"/login\"").doesNotContain("<script");
            }
            try (Response r = noRedirects.newCall(new Request.Builder().url(base + "/login")
                    .post(new FormBody.Builder().add("token", "guess").build()).build()).execute()) {
                assertThat(r.code()).isEqualTo(401);
                assertThat(r.header("Set-Cookie")).isNull();
            }
            String cookie;
            try (Response r = noRedirects.newCall(new Request.Builder().url(base + "/login")
                    .post(new FormBody.Builder().add("token", TOKEN).build()).build()).execute()) {
                assertThat(r.code()).isEqualTo(303);
                String set = r.header("Set-Cookie");
                assertThat(set).startsWith(AccessGuard.COOKIE + "=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                        .doesNotContain(TOKEN);
                cookie = set.substring(0, set.indexOf(';'));
            }
            try (Response r = client.get("/api/campaigns", b -> b.header("Cookie", cookie))) {
                assertThat(r.code()).isEqualTo(200);
            }
            try (Response r = client.get("/api/campaigns", b -> b.header("Cookie", AccessGuard.COOKIE + "=AAAA"))) {
                assertThat(r.code()).isEqualTo(401);
            }
        });
    }

    @Test
    void theSessionResponseCarriesTheStrictPolicyHeaders() {
        Store s = store();
        JavalinTest.test(LeaderboardServer.create(s, 0), (server, client) -> {
            try (Response r = client.get("/api/campaigns")) {
                JsonNode ignored = JSON.readTree(r.body().string());
                assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("base-uri 'none'")
                        .contains("form-action 'self'").contains("default-src 'self'");
                assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            }
        });
    }

    @Test
    void theCsvDownloadDefusesFormulasIncludingTabAndCarriageReturn() {
        Store s = new InMemoryStore();
        s.createCampaign(CampaignSpec.single("inj", "{}"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a_tab", "\t=1+1");
        params.put("b_cr", "\r=1+1");
        params.put("c_eq", "=1+1");
        s.start("inj", params, "w", "cpu").fail("@SUM(A1)", null);
        JavalinTest.test(LeaderboardServer.create(s, 0), (server, client) -> {
            try (Response r = client.get("/api/trials.csv?campaign=inj")) {
                String csv = r.body().string();
                assertThat(r.code()).as(csv).isEqualTo(200);
                assertThat(csv).contains("'\t=1+1").contains("\"'\r=1+1\"").contains("'=1+1");
                assertThat(csv).doesNotContain(",\t=").doesNotContain(",=").doesNotContain("\"\r=");
            }
        });
    }

    @Test
    void tagsAndNotesRefuseBidiAndOtherFormatCharacters() {
        for (String text : List.of("keep\u202Eexe.txt", "a\u2066b", "zero\u200Bwidth")) {
            Assertions.assertThatThrownBy(() -> Note.check(Note.Kind.TAG, text))
                    .hasMessageContaining("invisible format character U+");
        }
        assertThat(Note.check(Note.Kind.NOTE, "plain: ünïcödé ok"))
                .isEqualTo("plain: ünïcödé ok");
    }

    @Test
    void aCampaignKeepsAtMostTheCapOfNotes() {
        Store s = store();
        for (int i = 0; i < Note.MAX_PER_CAMPAIGN; i++) {
            s.addNote(HonestyFixture.NAME, null, Note.Kind.TAG, "t" + i);
        }
        JavalinTest.test(LeaderboardServer.create(s, 0, true), (server, client) -> {
            String cookie, token;
            try (Response r = client.get("/api/session")) {
                token = JSON.readTree(r.body().string()).path("csrf_token").asText();
                String set = r.header("Set-Cookie");
                cookie = set.substring(0, set.indexOf(';'));
            }
            String body = JSON.writeValueAsString(Map.of("campaign", HonestyFixture.NAME, "kind", "tag", "text", "one more"));
            try (Response r = client.request("/api/notes", b -> b.post(RequestBody.create(body, MediaType.get("application/json")))
                    .header("Origin", client.getOrigin()).header("Cookie", cookie).header(NoteWrites.HEADER, token))) {
                assertThat(error(r)).startsWith("409 campaign " + HonestyFixture.NAME + " already has 1000 notes and tags");
            }
            assertThat(s.notes(HonestyFixture.NAME)).hasSize(Note.MAX_PER_CAMPAIGN);
        });
    }
}
