package dev.lstmtuner.web;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compare page's Diebold–Mariano test judges the test windows' fingerprint: two trials that loaded different
 * history (their data fingerprints differ) but score the same test windows are tested; a trial scored on other test
 * windows is refused, naming them.
 */
class TestWindowsPairingApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = "{\"symbol\":\"BTC\",\"horizon\":1}";
    private static final int WINDOWS = 120;
    private static final DataFingerprint.TestWindows TESTS = new DataFingerprint.TestWindows("7e".repeat(32),
            1_700_000_000_000L, 1_700_000_000_000L + (WINDOWS - 1) * 3_600_000L, WINDOWS);

    @TempDir
    Path dir;

    private long trial(Store store, int n, String dataSha, DataFingerprint.TestWindows tests) throws IOException {
        TrialHandle h = store.start("c", Map.of("learning_rate", 0.001 * n), "w", "cpu");
        StringBuilder csv = new StringBuilder("time,last_close,predicted,actual\n");
        Random market = new Random(5), noise = new Random(n);
        double price = 30_000;
        for (int t = 0; t < WINDOWS; t++) {
            double next = price + market.nextGaussian() * 100;
            csv.append(1_700_000_000_000L + t * 3_600_000L).append(',').append(price).append(',')
                    .append(next + noise.nextGaussian() * 60 * n).append(',').append(next).append('\n');
            price = next;
        }
        Path file = Files.writeString(dir.resolve("predictions-" + n + ".csv"), csv);
        h.addArtifact(Artifact.of("predictions", file));
        h.recordProvenance(new Provenance(CONFIG, 42, new DataFingerprint.Fingerprint(dataSha.repeat(64), 0, 1000, 1000),
                "0.1.0", "abc", "17", "1.0.0-M2.1", "CPU", "Linux", "amd64", 1, "host", null, tests));
        h.complete(new FinalMetrics(new ForecastMetrics(50, 70, 0.2, 0.98, 0.5), new ForecastMetrics(60, 85, 0.2, 0.97,
                0.5), 0.1, 70, 1000, 5, 4, 1.0, WINDOWS, null, null, List.of()), 70 + n);
        return h.trialId();
    }

    @Test
    void trialsWithOtherHistoryButTheSameTestWindowsAreTestedAndOtherTestWindowsAreRefusedByName() throws Exception {
        Store store = new InMemoryStore();
        store.createCampaign(new CampaignSpec("c", CONFIG, "{}", "random", "none", 3, "val_rmse", Direction.MINIMIZE,
                null, null));
        long full = trial(store, 1, "a", TESTS), later = trial(store, 2, "b", TESTS);
        DataFingerprint.TestWindows other = new DataFingerprint.TestWindows("9f".repeat(32), TESTS.firstTimeMs(),
                TESTS.lastTimeMs() + 3_600_000L, WINDOWS + 1);
        long otherSplit = trial(store, 3, "a", other);
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            try (Response r = client.get("/api/dm?ids=" + full + "," + later)) {
                JsonNode dm = JSON.readTree(r.body().string());
                assertThat(r.code()).as(dm.toString()).isEqualTo(200);
                assertThat(dm.get("n").asInt()).isEqualTo(WINDOWS);
            }
            try (Response r = client.get("/api/dm?ids=" + full + "," + otherSplit)) {
                assertThat(r.code()).isEqualTo(400);
                assertThat(JSON.readTree(r.body().string()).get("error").asText())
                        .contains("test windows " + TESTS + " vs " + other).doesNotContain("data sha256");
            }
            try (Response r = client.get("/api/compare?ids=" + full + "," + later + "," + otherSplit + "&pin=" + full)) {
                JsonNode dm = JSON.readTree(r.body().string()).get("dm");
                assertThat(dm.get(0).get("error").isNull()).as(dm.toString()).isTrue();
                assertThat(dm.get(1).get("error").asText()).startsWith("not compared: test windows");
            }
        });
    }
}
