package dev.lstmtuner.web;

import org.assertj.core.data.Offset;
import java.util.Comparator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lstmtuner.result.LockboxScore;
import dev.lstmtuner.store.LockboxOpening;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The API behind the honest leaderboard (verdicts, pruned values, state in words, compare rules), over H2 (PostgreSQL: the Pg subclass). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderboardHonestyApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private Store store;

    @BeforeAll
    void seed() {
        store = open(dir);
        WebFixture.seed(store, dir);
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

    private record Got(int status, JsonNode body, String text) {
    }

    private static Got get(HttpClient client, String path) throws Exception {
        try (Response r = client.get(path)) {
            String text = r.body().string();
            JsonNode body = null;
            try {
                body = JSON.readTree(text);
            } catch (Exception e) {
                // CSV and files are not JSON
            }
            return new Got(r.code(), body, text);
        }
    }

    private long id(String campaign, int number) {
        return store.trial(campaign, number).orElseThrow().id();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode row(HttpClient client, String campaign, int number) throws Exception {
        for (JsonNode t : get(client, "/api/trials?limit=100&campaign=" + enc(campaign)).body().get("items")) {
            if (t.get("number").asInt() == number) return t;
        }
        throw new AssertionError("no trial #" + number);
    }

    @Test
    void verdictAndItsKindComeFromTheStoredTestNotFromTheSkillsSign() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode zero = row(client, HonestyFixture.NAME, 1);
            assertThat(zero.get("metrics").get("skill").asDouble()).isPositive().isLessThan(1e-3);
            assertThat(zero.get("verdict_kind").asText()).isEqualTo("no_better");
            // the word is Holm-corrected over the campaign's COMPLETE sampled trials, the raw p beside it
            assertThat(zero.get("verdict").asText()).startsWith("no better than persistence (Holm p = ")
                    .contains("over 3 trials; raw p = 0.");
            assertThat(row(client, HonestyFixture.NAME, 2).get("verdict_kind").asText()).isEqualTo("beats");
            assertThat(row(client, HonestyFixture.NAME, 2).get("verdict").asText()).startsWith("beats persistence (Holm p");
            assertThat(row(client, HonestyFixture.NAME, 3).get("verdict_kind").asText()).isEqualTo("worse");
            assertThat(row(client, HonestyFixture.NAME, 8).get("verdict").isNull()).isTrue();
        });
    }

    @Test
    void theBannerCarriesTheCampaignWideVerdictAndTheTestSortWarning() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode honest = get(client, "/api/campaign?name=" + HonestyFixture.NAME).body();
            // #2 forecasts far better than persistence: the SPA test over #1-#3 (confirmation runs left out) finds it
            assertThat(honest.get("campaign_verdict").asText())
                    .startsWith("At least one of the 3 trials tried beats persistence").contains("Hansen's SPA");
            assertThat(honest.get("campaign_verdict_beats").asBoolean()).isTrue();
            List<String> testMetrics = new ArrayList<>();
            honest.get("test_metrics").forEach(k -> testMetrics.add(k.asText()));
            assertThat(testMetrics).contains("test_rmse", "skill", "direction_accuracy").doesNotContain("objective");
            assertThat(honest.get("test_sort_warning").asText()).contains("test metrics must not select");
        });
    }

    @Test
    void diagnosesSayWhenForecastsStandStillAndWhenTooFewEpochsFollowTheBest() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode zero = get(client, "/api/trials/" + id(HonestyFixture.NAME, 1)).body().get("diagnoses");
            assertThat(kinds(zero)).contains("learned_nothing", "underfitting", "not_enough_epochs");
            JsonNode still = item(zero, "learned_nothing");
            assertThat(still.get("text").asText()).startsWith("Learned nothing: the forecasts stand still");
            assertThat(still.get("remedy").asText()).contains("lookback");
            assertThat(kinds(get(client, "/api/trials/" + id(HonestyFixture.NAME, 2)).body().get("diagnoses")))
                    .doesNotContain("learned_nothing");
            // the anti-correlated #3 carries no information either
            assertThat(kinds(get(client, "/api/trials/" + id(HonestyFixture.NAME, 3)).body().get("diagnoses")))
                    .contains("learned_nothing");
            JsonNode pruned = get(client, "/api/trials/" + id(WebFixture.BTC, 9)).body().get("diagnoses");
            assertThat(kinds(pruned)).doesNotContain("learned_nothing");
            assertThat(pruned.get("curve").asBoolean()).isTrue();
        });
    }

    @Test
    void theLeaderboardFiltersByDiagnosisAndRefusesAnUnknownOne() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            List<Integer> numbers = new ArrayList<>();
            for (JsonNode t : get(client, "/api/trials?diagnosis=learned_nothing&campaign=" + enc(HonestyFixture.NAME))
                    .body().get("items")) {
                numbers.add(t.get("number").asInt());
            }
            assertThat(numbers).containsExactlyInAnyOrder(1, 3, 6);
            Got bad = get(client, "/api/trials?diagnosis=bored&campaign=" + enc(HonestyFixture.NAME));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body().get("parameter").asText()).isEqualTo("diagnosis");
            assertThat(bad.body().get("error").asText()).contains("overfitting").contains("learned_nothing");
            assertThat(get(client, "/api/campaign?name=" + enc(HonestyFixture.NAME)).body().get("diagnosis_kinds"))
                    .hasSize(6);
        });
    }

    private static List<String> kinds(JsonNode diagnoses) {
        List<String> out = new ArrayList<>();
        diagnoses.get("items").forEach(d -> out.add(d.get("kind").asText()));
        return out;
    }

    private static JsonNode item(JsonNode diagnoses, String kind) {
        for (JsonNode d : diagnoses.get("items")) if (d.get("kind").asText().equals(kind)) return d;
        throw new AssertionError("no " + kind + " in " + diagnoses);
    }

    @Test
    void prunedAndRunningTrialsCarryTheirLastValueAndEpoch() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode pruned = row(client, WebFixture.BTC, 9);
            assertThat(pruned.get("state").asText()).isEqualTo("pruned");
            assertThat(pruned.get("pruned_epoch").asInt()).isEqualTo(3);
            assertThat(pruned.get("last_epoch").asInt()).isEqualTo(3);
            assertThat(pruned.get("last_value").asDouble()).isPositive();
            assertThat(row(client, WebFixture.BTC, 11).get("last_epoch").asInt()).isEqualTo(2);
            assertThat(row(client, WebFixture.BTC, 1).get("last_value").isNull()).isTrue();
        });
    }

    @Test
    void campaignStateIsInWordsWithHowToResumeAStoppedOne() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode honest = get(client, "/api/campaign?name=" + HonestyFixture.NAME).body().get("campaign");
            assertThat(honest.get("status").asText()).isEqualTo("stopped");
            assertThat(honest.get("running").asBoolean()).isFalse();
            assertThat(honest.get("status_text").asText()).isEqualTo("stopped with 1 trial waiting and none running:"
                    + " resume with bin/lstm-tuner search --resume 'honest-BTC'");
            JsonNode btc = get(client, "/api/campaign?name=" + WebFixture.BTC).body().get("campaign");
            assertThat(btc.get("status_text").asText()).isEqualTo("running: 1 trial in progress, 1 waiting");
        });
    }

    @Test
    void anInterruptedTrialIsLabelledAndLinkedToItsRequeuedCopy() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode interrupted = row(client, HonestyFixture.NAME, 7);
            assertThat(interrupted.get("interrupted").asBoolean()).isTrue();
            assertThat(interrupted.get("requeued_as").asLong()).isEqualTo(id(HonestyFixture.NAME, 8));
            assertThat(row(client, HonestyFixture.NAME, 8).get("requeued_from").asLong()).isEqualTo(id(HonestyFixture.NAME, 7));
            assertThat(row(client, WebFixture.BTC, 10).get("interrupted").asBoolean()).as("a NaN failure").isFalse();
        });
    }

    @Test
    void theLockboxVerdictIsACampaignFieldWithItsTrialPAndReopenCountAndNullWhileUnopened() {
        store.recordLockbox(HonestyFixture.NAME, null, LockboxOpening.Kind.SCORE, false,
                new LockboxScore(2, 99.0, 100.0, 0.01, -0.8, 0.42, 1464, 0L, 1L, 5));
        store.recordLockbox(HonestyFixture.NAME, null, LockboxOpening.Kind.RESUME, true, null);
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode lockbox = get(client, "/api/campaign?name=" + HonestyFixture.NAME).body().get("lockbox");
            assertThat(lockbox.get("trial_number").asInt()).isEqualTo(2);
            assertThat(lockbox.get("verdict").asText()).isEqualTo("no_better");
            assertThat(lockbox.get("p_value").asDouble()).isEqualTo(0.42);
            assertThat(lockbox.get("reopenings").asInt()).isEqualTo(1);
            assertThat(lockbox.get("headline").asText()).contains("trial #2 no better than persistence")
                    .contains("lockbox reopened 1×");
            assertThat(get(client, "/api/campaign?name=" + WebFixture.BTC).body().get("lockbox").isNull()).isTrue();
        });
    }

    @Test
    void confirmationsGiveMeanAndSdOverFreshSeedsAndCrownTheBestMeanWithTwoOfThem() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode groups = get(client, "/api/campaign?name=" + HonestyFixture.NAME).body().get("confirmations");
            assertThat(groups).hasSize(2);
            JsonNode first = groups.get(0);
            // #2 (300) is the selected run, apart; #4 and #5 (305, 310) are its fresh seeds
            assertThat(first.get("number").asInt()).isEqualTo(2);
            assertThat(first.get("n").asInt()).isEqualTo(2);
            assertThat(first.get("mean").asDouble()).isEqualTo(307.5);
            assertThat(first.get("sd").asDouble()).isCloseTo(Math.sqrt(12.5), Offset.offset(1e-9));
            assertThat(first.get("selected_objective").asDouble()).isEqualTo(300.0);
            assertThat(first.get("winner").asBoolean()).isTrue();
            assertThat(first.get("sentences").get(0).asText()).startsWith("confirmed winner: trial honest-BTC/2");
            // #1 has one fresh seed (#6): listed, never ranked, never the winner
            assertThat(groups.get(1).get("ranked").asBoolean()).isFalse();
            assertThat(groups.get(1).get("winner").asBoolean()).isFalse();
            assertThat(get(client, "/api/campaign?name=" + WebFixture.BTC).body().get("confirmations")).isEmpty();
        });
    }

    @Test
    void compareAcrossCampaignsShowsEverythingButRefusesTheDieboldMarianoTestNamingTheDifference() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            long btc = id(WebFixture.BTC, 1), eth = id(WebFixture.ETH, 1);
            Got g = get(client, "/api/compare?ids=" + btc + "," + eth);
            assertThat(g.status()).isEqualTo(200);
            assertThat(g.body().get("params")).isNotEmpty();
            assertThat(g.body().get("metrics")).isNotEmpty();
            JsonNode dm = g.body().get("dm").get(0);
            assertThat(dm.get("p_value").isNull()).isTrue();
            assertThat(dm.get("error").asText()).contains("symbol BTC vs ETH").contains("cannot be paired");
            Got only = get(client, "/api/dm?ids=" + btc + "," + eth);
            assertThat(only.status()).isEqualTo(400);
            assertThat(only.body().get("parameter").asText()).isEqualTo("ids");
            assertThat(only.body().get("error").asText()).contains("symbol BTC vs ETH");
            Got data = get(client, "/api/dm?ids=" + btc + "," + id(HonestyFixture.NAME, 1));
            assertThat(data.status()).isEqualTo(400);
            assertThat(data.body().get("error").asText()).contains("data sha256:abababab").contains("sha256:cdcdcdcd");
            Got same = get(client, "/api/dm?ids=" + btc + "," + id(WebFixture.BTC, 2));
            assertThat(same.status()).isEqualTo(200);
            assertThat(same.body().get("n").asInt()).isEqualTo(120);
        });
    }

    @Test
    void compareOrdersBestFirstUnlessPinnedAndCorrectsForSeveralPairs() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            long zero = id(HonestyFixture.NAME, 1), beats = id(HonestyFixture.NAME, 2), worse = id(HonestyFixture.NAME, 3);
            String ids = worse + "," + zero + "," + beats;
            JsonNode d = get(client, "/api/compare?ids=" + ids).body();
            assertThat(d.get("trials").get(0).get("id").asLong()).isEqualTo(beats);
            assertThat(d.get("order").asText()).startsWith("best first by val_rmse");
            assertThat(d.get("multiple_comparisons").asText()).contains("2 pairs").contains("Holm");
            for (JsonNode r : d.get("dm")) {
                assertThat(r.get("p_adjusted").asDouble()).isGreaterThanOrEqualTo(r.get("p_value").asDouble());
                assertThat(r.get("verdict").asText()).contains("Holm-adjusted");
            }
            JsonNode pinned = get(client, "/api/compare?ids=" + ids + "&pin=" + worse).body();
            assertThat(pinned.get("trials").get(0).get("id").asLong()).isEqualTo(worse);
            assertThat(pinned.get("order").asText()).startsWith("pinned");
            assertThat(get(client, "/api/compare?ids=" + ids + "&pin=1").status()).isEqualTo(400);
            JsonNode two = get(client, "/api/compare?ids=" + zero + "," + beats).body();
            assertThat(two.get("multiple_comparisons").isNull()).isTrue();
        });
    }

    @Test
    void compareMarksNeitherTiesNorSizeAndCostAsBetter() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode d = get(client, "/api/compare?ids=" + id(HonestyFixture.NAME, 1) + "," + id(HonestyFixture.NAME, 2)).body();
            List<String> undirected = new ArrayList<>();
            for (JsonNode m : d.get("metrics")) {
                String key = m.get("key").asText();
                if (m.get("better").isNull()) undirected.add(key);
                if (key.equals("persistence_rmse")) assertThat(m.get("best_index").isNull()).as("a tie").isTrue();
                if (key.equals("test_rmse")) assertThat(m.get("best_index").asInt()).isEqualTo(0);
            }
            assertThat(undirected).contains("params", "epochs", "best_epoch", "training_seconds", "persistence_p")
                    .doesNotContain("test_rmse", "skill", "objective");
        });
    }

    @Test
    void csvHoldsTheFilteredSortedViewQuoted() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            Got csv = get(client, "/api/trials.csv?campaign=" + enc(WebFixture.BTC) + "&state=complete&sort=test_rmse&order=desc");
            assertThat(csv.status()).isEqualTo(200);
            String[] lines = csv.text().split("\r\n");
            assertThat(lines).hasSize(9);
            List<String> head = List.of(lines[0].split(","));
            assertThat(head).startsWith("id", "number", "state", "objective", "verdict").contains("learning_rate", "test_rmse");
            int col = head.indexOf("test_rmse");
            List<Double> rmse = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                // the verdict "no better than persistence (p = 0.3)" holds no comma, so a plain split works here
                rmse.add(Double.parseDouble(lines[i].split(",")[col]));
            }
            assertThat(rmse).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(TrialsCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
            assertThat(TrialsCsv.cell("a,b")).isEqualTo("\"a,b\"");
        });
    }

    @Test
    void chartsFollowTheFiltersShowPrunedTrialsAndUseLogAxesForLogParams() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode all = get(client, "/api/charts?campaign=" + HonestyFixture.NAME).body();
            JsonNode lr = null;
            for (JsonNode a : all.get("params")) if (a.get("name").asText().equals("learning_rate")) lr = a;
            assertThat(lr.get("log").asBoolean()).isTrue();
            assertThat(all.get("importance_note").asText()).startsWith("Too few trials: 6 COMPLETE trials");
            JsonNode filtered = get(client, "/api/charts?campaign=" + HonestyFixture.NAME + "&max.learning_rate=0.0005").body();
            assertThat(filtered.get("points")).hasSize(2).allSatisfy(p ->
                    assertThat(p.get("params").get("learning_rate").asDouble()).isLessThanOrEqualTo(0.0005));
            JsonNode btc = get(client, "/api/charts?campaign=" + enc(WebFixture.BTC)).body();
            boolean prunedShown = false;
            for (JsonNode h : btc.get("history")) {
                if (h.get("state").asText().equals("pruned")) prunedShown = h.get("last_value").isNumber() && h.get("pruned_epoch").asInt() == 3;
            }
            assertThat(prunedShown).isTrue();
            assertThat(get(client, "/api/charts?campaign=" + enc(WebFixture.BTC) + "&min.nope=1").status()).isEqualTo(400);
        });
    }

    @Test
    void curvesMarkTheBestAndIncludeRunningTrialsAndTheTimelineHasEveryWorker() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode curves = get(client, "/api/curves?campaign=" + enc(WebFixture.BTC)).body();
            List<String> states = new ArrayList<>();
            int best = 0;
            for (JsonNode c : curves) {
                states.add(c.get("state").asText());
                if (c.get("best").asBoolean()) best++;
                assertThat(c.get("points").get(0)).hasSize(2);
            }
            assertThat(states).contains("running", "pruned", "complete");
            assertThat(best).isEqualTo(1);
            JsonNode t = get(client, "/api/timeline?campaign=" + HonestyFixture.NAME).body();
            assertThat(t.get("workers")).extracting(JsonNode::asText).containsExactly("worker-1", "worker-2");
            assertThat(t.get("bars")).hasSize(7);
        });
    }

    @Test
    void artifactsDownloadOnlyTheFilesTheStoreRecorded() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            long id = id(WebFixture.BTC, 1);
            JsonNode a = get(client, "/api/trials/" + id).body().get("artifacts").get(0);
            assertThat(a.get("download").asText()).isEqualTo("/api/trials/" + id + "/artifacts/0");
            try (Response r = client.get("/api/trials/" + id + "/artifacts/0")) {
                assertThat(r.code()).isEqualTo(200);
                assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"pred-");
                assertThat(r.body().string()).startsWith("time,last_close,predicted,actual");
            }
            assertThat(get(client, "/api/trials/" + id + "/artifacts/1").status()).isEqualTo(404);
            assertThat(get(client, "/api/trials/" + id + "/artifacts/..%2F..%2Fetc").status()).isEqualTo(400);
        });
    }

    @Test
    void trialDetailLinksItsNeighboursAndTheBest() {
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode d = get(client, "/api/trials/" + id(HonestyFixture.NAME, 3)).body();
            assertThat(d.get("prev_id").asLong()).isEqualTo(id(HonestyFixture.NAME, 2));
            assertThat(d.get("next_id").asLong()).isEqualTo(id(HonestyFixture.NAME, 4));
            assertThat(d.get("best_id").asLong()).isEqualTo(id(HonestyFixture.NAME, 2));
            assertThat(get(client, "/api/trials/" + id(HonestyFixture.NAME, 1)).body().get("prev_id").isNull()).isTrue();
        });
    }
}
