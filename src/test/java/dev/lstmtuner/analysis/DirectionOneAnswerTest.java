package dev.lstmtuner.analysis;

import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.web.HonestyFixture;
import dev.lstmtuner.web.LeaderboardServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.lstmtuner.analysis.Views.cli;
import static dev.lstmtuner.analysis.Views.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pesaran–Timmermann direction test beside every direction accuracy is one answer: the CLI's {@code show} (text
 * and JSON) and {@code trials}, the API's rows, trial page and compare view, and both reports render the cell analysis
 * computed ({@link CampaignVerdict.Direction#cell}), Holm-corrected across the campaign's COMPLETE trials with the raw p
 * beside it. The store: {@link HonestyFixture}, whose #2 follows the real move (its direction beats a base-rate coin)
 * and #1 barely moves off the last close (its direction is a coin's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectionOneAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    String url;
    final Map<Integer, Long> ids = new HashMap<>();
    final Map<Integer, CampaignVerdict.Direction> expected = new HashMap<>();

    @BeforeAll
    void seed() {
        url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        try (Store s = StoreFactory.open(url)) {
            HonestyFixture.seed(s, dir);
            CampaignVerdicts v = CampaignVerdicts.of(s, HonestyFixture.NAME);
            for (int n = 1; n <= 6; n++) {
                ids.put(n, s.trial(HonestyFixture.NAME, n).orElseThrow().id());
                v.direction(n).ifPresent(d -> expected.put(d.trial(), d));
            }
        }
    }



    @Test
    void theDirectionTestIsCorrectedAcrossTheCampaignAndOnlyTheSearchedCompleteTrialsHaveOne() {
        // #1, #2, #3 are the searched COMPLETE trials; #4-#6 are confirmation runs, no tries of their own
        assertThat(expected.keySet()).containsExactlyInAnyOrder(1, 2, 3);
        CampaignVerdict.Direction follows = expected.get(2), still = expected.get(1);
        assertThat(follows.kindName()).isEqualTo("better");
        assertThat(still.kindName()).isEqualTo("no_better");
        // Holm over 3 tests: the smallest raw p is tripled (capped at 1), and never below the raw p
        assertThat(follows.adjustedP()).isEqualTo(Math.min(1, 3 * follows.test().pValue()));
        for (CampaignVerdict.Direction d : expected.values()) {
            assertThat(d.adjustedP()).isGreaterThanOrEqualTo(d.test().pValue());
            assertThat(d.cell()).contains("raw " + TrialVerdicts.p(d.test().pValue()))
                    .contains("Holm " + TrialVerdicts.p(d.adjustedP()));
        }
    }

    @Test
    void showTrialsTheApiAndBothReportsShowTheSameDirectionTest() throws Exception {
        String cell2 = expected.get(2).cell(), cell1 = expected.get(1).cell();

        // the CLI: show (text, JSON) and trials (text, JSON)
        String show = cli(url, "show", HonestyFixture.NAME + "/2");
        assertThat(show).contains("Trial #2: " + expected.get(2).words() + ".");
        assertThat(lineWith(show, "  direction ")).contains(cell2);
        JsonNode showJson = JSON.readTree(cli(url, "show", HonestyFixture.NAME + "/2", "--json"));
        assertThat(showJson.get("direction_test").get("words").asText()).isEqualTo(cell2);
        assertThat(showJson.get("direction_test").get("raw_p").asDouble()).isEqualTo(expected.get(2).test().pValue());
        assertThat(showJson.get("corrected_verdict").get("words").asText()).contains("Holm").contains("raw p");
        String trials = cli(url, "trials", HonestyFixture.NAME, "--limit", "20");
        assertThat(trials).contains("VS COIN");
        JsonNode trialsJson = JSON.readTree(cli(url, "trials", HonestyFixture.NAME, "--json", "--limit", "20"));
        Map<Integer, JsonNode> byNumber = new HashMap<>();
        trialsJson.get("trials").forEach(t -> byNumber.put(t.get("number").asInt(), t));
        assertThat(byNumber.get(1).get("direction_test").get("words").asText()).isEqualTo(cell1);
        assertThat(byNumber.get(4).get("direction_test").isNull()).as("a confirmation run").isTrue();

        // the API: the leaderboard's rows, the trial page, the compare view, the symbols table
        try (Store s = StoreFactory.open(url)) {
            JavalinTest.test(LeaderboardServer.create(s, 0), (server, client) -> {
                Map<Integer, JsonNode> rows = new HashMap<>();
                get(client, "/api/trials?limit=50&campaign=" + HonestyFixture.NAME).get("items")
                        .forEach(r -> rows.put(r.get("number").asInt(), r));
                assertThat(rows.get(2).get("direction_test").get("words").asText()).isEqualTo(cell2);
                assertThat(rows.get(2).get("direction_test").get("kind").asText()).isEqualTo("better");
                assertThat(rows.get(1).get("direction_test").get("kind").asText()).isEqualTo("no_better");
                assertThat(rows.get(5).get("direction_test").isNull()).isTrue();
                JsonNode page = get(client, "/api/trials/" + ids.get(2)).get("trial");
                assertThat(page.get("direction_test").get("words").asText()).isEqualTo(cell2);
                JsonNode compare = get(client, "/api/compare?ids=" + ids.get(1) + "," + ids.get(2));
                List<String> compared = new ArrayList<>();
                compare.get("trials").forEach(t -> compared.add(t.get("direction_test").get("words").asText()));
                assertThat(compared).containsExactlyInAnyOrder(cell1, cell2);
            });
        }

        // both reports, reading the predictions under --artifacts
        Path md = dir.resolve("report.md"), html = dir.resolve("report.html");
        cli(url, "report", HonestyFixture.NAME, "--format", "md", "--out", md.toString(), "--artifacts", dir.toString());
        cli(url, "report", HonestyFixture.NAME, "--out", html.toString(), "--artifacts", dir.toString());
        String report = Files.readString(md).replace("\\", "");
        assertThat(report).contains("| direction test |");
        assertThat(lineWith(report, "| " + HonestyFixture.NAME + "/1 |")).contains(cell1);
        assertThat(Files.readString(html)).contains("data-direction=\"better\"");
    }

    @Test
    void theReportDoesNotReadPredictionsOutsideItsArtifactsFolder() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("other-artifacts"));
        Path md = dir.resolve("confined.md");
        cli(url, "report", HonestyFixture.NAME, "--format", "md", "--out", md.toString(), "--artifacts", elsewhere.toString());
        String report = Files.readString(md).replace("\\", "");
        // no predictions read: no direction test, no campaign-wide test, and the report says why
        assertThat(lineWith(report, "| " + HonestyFixture.NAME + "/1 |")).doesNotContain("PT Holm").doesNotContain("the coin (");
        assertThat(report).contains("have no readable predictions file");
    }

    private static String lineWith(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + part + " in\n" + text));
    }
}
