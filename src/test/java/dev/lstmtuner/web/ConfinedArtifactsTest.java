package dev.lstmtuner.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The web app reads only files under the artifacts root, whatever path the store records, and echoes no contents. */
class ConfinedArtifactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void aStoreRecordedPathOutsideTheRootOrALinkOutOfItIsRefusedAndNothingIsRead() throws Exception {
        Path root = Files.createDirectories(dir.resolve("artifacts"));
        Path secret = Files.writeString(Files.createDirectories(dir.resolve("home")).resolve("id_rsa"), "PRIVATE KEY MATERIAL");
        Path inside = Files.writeString(root.resolve("config.json"), "{\"ok\": true}");
        Path link = root.resolve("model.zip");
        Files.createSymbolicLink(link, secret);
        Store store = new InMemoryStore();
        store.createCampaign(CampaignSpec.single("c", "{}"));
        TrialHandle h = store.start("c", Map.of("i", 0), "w", "cpu");
        h.addArtifact(new Artifact("config", inside.toString(), "00", 1));
        h.addArtifact(new Artifact("model", secret.toString(), "00", 1));
        h.addArtifact(new Artifact("model", link.toString(), "00", 1));
        h.addArtifact(new Artifact("model", root.resolve("../home/id_rsa").toString(), "00", 1));
        long id = h.trialId();
        WebAccess access = new WebAccess("127.0.0.1", List.of(), null, ArtifactRoot.of(root));
        JavalinTest.test(LeaderboardServer.create(store, 0, false, access), (server, client) -> {
            try (Response r = client.get("/api/trials/" + id + "/artifacts/0")) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.body().string()).isEqualTo("{\"ok\": true}");
            }
            for (int i = 1; i <= 3; i++) {
                try (Response r = client.get("/api/trials/" + id + "/artifacts/" + i)) {
                    String body = r.body().string();
                    assertThat(r.code()).as(body).isEqualTo(403);
                    assertThat(body).contains("outside the artifacts folder").doesNotContain("PRIVATE KEY");
                }
            }
            try (Response r = client.get("/api/trials/" + id)) {
                String body = r.body().string();
                assertThat(body).doesNotContain("PRIVATE KEY");
                assertThat(JSON.readTree(body).path("artifacts").get(1).path("download").isNull()).as(body).isTrue();
            }
        });
    }

    @Test
    void aPredictionsParseErrorNamesTheLineButNeverEchoesIt() throws Exception {
        Path root = Files.createDirectories(dir.resolve("artifacts"));
        Path csv = Files.writeString(root.resolve("predictions.csv"),
                "time,last_close,predicted,actual\n2024-01-01T00:00:00Z,1,2,3\nroot:x:0:0:root:/root:/bin/bash,,,\n");
        Store store = new InMemoryStore();
        store.createCampaign(CampaignSpec.single("c", "{}"));
        TrialHandle h = store.start("c", Map.of("i", 0), "w", "cpu");
        h.addArtifact(Artifact.of("predictions", csv));
        ForecastMetrics f = new ForecastMetrics(1, 1, 1, 0.5, 0.5);
        h.complete(new FinalMetrics(f, f, 0, 1.0, 10, 2, 1, 1.0, 5), 1.0);
        long id = h.trialId();
        WebAccess access = new WebAccess("127.0.0.1", List.of(), null, ArtifactRoot.of(root));
        JavalinTest.test(LeaderboardServer.create(store, 0, false, access), (server, client) -> {
            try (Response r = client.get("/api/trials/" + id + "/predictions")) {
                String body = r.body().string();
                assertThat(r.code()).as(body).isEqualTo(400);
                assertThat(body).contains("line 3").doesNotContain("root:x").doesNotContain("/bin/bash");
            }
        });
    }
}
