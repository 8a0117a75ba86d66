package dev.lstmtuner.analysis;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.search.CampaignPlan;
import dev.lstmtuner.search.Coordinator;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.search.plan.AbPlan;
import dev.lstmtuner.search.plan.PlanRuns;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.web.AbFixture;
import dev.lstmtuner.web.LeaderboardServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.lstmtuner.analysis.Views.cli;
import static dev.lstmtuner.analysis.Views.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * In an A/B plan campaign the single best run is a lucky seed of an arm whose mean is poor ("bigger + dropout":
 * 0.30, 0.60, 0.62), while "bigger model" has the best mean (0.42, 0.43, 0.44): every view names the chosen arm's
 * best run as THE best trial, none the lucky run — the A/B table, {@code best}, {@code campaigns --json}, the top
 * trials, the search's progress line, the leaderboard's ★, banner and A/B section, and the report.
 */
class PlanBestOneAnswerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** val_loss (minimised) per arm (baseline, bigger model, bigger + dropout), per seed. */
    private static final double[][] PLANTED = {{0.50, 0.51, 0.52}, {0.42, 0.43, 0.44}, {0.30, 0.60, 0.62}};

    @TempDir
    Path dir;

    /** The plan campaign "ab" with the planted objectives for the first {@code seedsDone} seeds of every arm. */
    private static void campaign(Store store, int seedsDone) {
        Experiment e = ExperimentLoader.parse(AbFixture.EXPERIMENT.formatted("ab", 3), "ab", null);
        store.createCampaign(new CampaignSpec("ab", ConfigLoader.toJson(e.base()), e.spaceJson(), e.sampler(),
                e.pruner(), e.budget().maxTrials(), Objective.parse("val_loss", "test"), Direction.MINIMIZE,
                ExperimentLoader.resolvedJson(e), null));
        PlanRuns.enqueue(store, "ab", e.plan(), e.base());
        int arms = e.plan().arms().size();
        for (Trial t : store.trials(TrialQuery.of("ab").sortBy("number").descending(false).page(100, 0)).items()) {
            int arm = (t.number() - 1) % arms, seed = (t.number() - 1) / arms;
            if (seed >= seedsDone) continue;
            double objective = PLANTED[arm][seed];
            TrialHandle h = store.claim(t.id(), "w", "cpu").orElseThrow();
            String config = ConfigLoader.toJson(AbPlan.config(e.base(), e.plan().arms().get(arm), 42 + seed, "test"));
            h.recordProvenance(new Provenance(config, 42 + seed, null, "0.1.0", "abc", "17", "1.0.0-M2.1", "CPU",
                    "Linux", "amd64", 1, "host"));
            h.complete(new FinalMetrics(
                    new ForecastMetrics(50, 80, 0.2, 0.98, 0.52), new ForecastMetrics(70, 100, 0.25, 0.97, 0.5), 0.2,
                    objective, 10_000, 5, 4, 3.0, 200, null, null, List.of()), objective);
        }
    }

    private static int runWith(Store s, double objective) {
        return s.trials(TrialQuery.of("ab").page(100, 0)).items().stream()
                .filter(t -> t.objective() != null && t.objective() == objective).findFirst().orElseThrow().number();
    }

    @Test
    void everyViewNamesTheChosenArmsBestRunNotTheLuckiestSingleRunOfAnotherArm() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        int chosenRun, lucky;
        long chosenId;
        try (Store s = StoreFactory.open(url)) {
            campaign(s, 3);
            Campaign c = s.campaign("ab").orElseThrow();
            chosenRun = runWith(s, 0.42);
            lucky = runWith(s, 0.30);
            assertThat(s.best("ab").orElseThrow().number()).as("the planted lucky run is the best single run")
                    .isEqualTo(lucky);
            AbTable table = AbTable.of(s, c, AbPlan.of(c).orElseThrow());
            assertThat(table.chosen()).isEqualTo("bigger model");
            assertThat(table.chosenRun()).isEqualTo(chosenRun);
            BestTrial b = BestTrial.of(s, c).orElseThrow();
            assertThat(b.trial().number()).isEqualTo(chosenRun);
            assertThat(b.chosenArm()).isEqualTo("bigger model");
            assertThat(b.value()).as("ranked beside other campaigns by the arm's mean").isCloseTo(0.43, within(1e-12));
            assertThat(b.sentences().get(0)).contains("chosen arm \"bigger model\"", "3 seeds");
            assertThat(TopTrials.of(s, "ab", 3, Optional.of(b)).trials().get(0).number()).isEqualTo(chosenRun);
            chosenId = b.trial().id();
            assertThat(new Coordinator(s, CampaignPlan.of(c), 8, Duration.ofMinutes(1), 0).step().best().number())
                    .as("the search's progress line").isEqualTo(chosenRun);

            JavalinTest.test(LeaderboardServer.create(s, 0), (server, client) -> {
                assertThat(get(client, "/api/trials?campaign=ab").get("best_id").asLong()).isEqualTo(chosenId);
                assertThat(get(client, "/api/campaign?name=ab").get("campaign").get("best_id").asLong())
                        .isEqualTo(chosenId);
                JsonNode ab = get(client, "/api/ab?campaign=ab");
                assertThat(ab.get("chosen").asText()).isEqualTo("bigger model");
                assertThat(ab.get("chosen_run").asInt()).isEqualTo(chosenRun);
            });
        }

        JsonNode campaigns = JSON.readTree(cli(url, "campaigns", "--json"));
        assertThat(campaigns.get(0).get("best").get("number").asInt()).isEqualTo(chosenRun);
        String best = cli(url, "best", "ab");
        assertThat(best).contains("best trial ab/" + chosenRun + ":").doesNotContain("best trial ab/" + lucky + ":");
        Path md = dir.resolve("report.md");
        cli(url, "report", "ab", "--format", "md", "--out", md.toString());
        String report = Files.readString(md).replace("\\", "");
        assertThat(report).contains("best: trial ab/" + chosenRun + ", the chosen arm \"bigger model\"")
                .doesNotContain("best: trial ab/" + lucky);
    }

    @Test
    void whileNoArmHasAllItsSeedsTheBestIsTheBestSingleRunAndSaysItIsNotTheChoice() {
        Store s = new InMemoryStore();
        campaign(s, 2);
        Campaign c = s.campaign("ab").orElseThrow();
        BestTrial b = BestTrial.of(s, c).orElseThrow();
        assertThat(AbTable.of(s, c, AbPlan.of(c).orElseThrow()).chosen()).isNull();
        assertThat(b.trial().number()).isEqualTo(runWith(s, 0.30));
        assertThat(b.chosenArm()).isNull();
        assertThat(b.sentences().get(0)).startsWith("no arm of the A/B plan has finished all its seeds yet");
    }


}
