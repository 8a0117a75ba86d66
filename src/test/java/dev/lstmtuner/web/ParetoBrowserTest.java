package dev.lstmtuner.web;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The Pareto page in headless Chromium: the plotted front is the API's non-dominated set, dominated trials faded. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParetoBrowserTest {
    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();
    private Store store;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start() throws Exception {
        store = new InMemoryStore();
        store.createCampaign(new CampaignSpec("mo", "{}", "{}", "nsga2", "asha", 30, Objective.VAL_RMSE,
                Direction.MINIMIZE, "{\"objectives\": [{\"name\": \"val_rmse\"}, {\"name\": \"training_seconds\"}]}", null));
        SplittableRandom rng = new SplittableRandom(3);
        ForecastMetrics f = new ForecastMetrics(1, 1, 1, 0, 0.5);
        for (int i = 0; i < 25; i++) {
            TrialHandle h = store.start("mo", Map.of("units_1", i), "w", "cpu");
            double rmse = 100 + rng.nextInt(50);
            double seconds = 1 + rng.nextInt(30);
            Map<Objective, Double> v = new EnumMap<>(Objective.class);
            v.put(Objective.VAL_RMSE, rmse);
            v.put(Objective.TRAINING_SECONDS, seconds);
            h.recordObjectives(v);
            h.complete(new FinalMetrics(f, f, 0, rmse, 10, 3, 3, seconds, 100), rmse);
        }
        store.start("mo", Map.of("units_1", 99), "w", "cpu").prune(1, "asha");
        browser.open(LeaderboardServer.create(store));
        base = browser.base();
        driver = browser.driver();
        wait = browser.await();
    }

    @SuppressWarnings("unchecked")
    private List<String> seriesNames(int series) {
        Object names = driver.executeScript("const c = echarts.getInstanceByDom(document.getElementById('pareto-chart'));"
                + " return c.getOption().series[arguments[0]].data.map(d => d.name);", series);
        return (List<String>) names;
    }

    @Test
    void thePlottedFrontIsTheApisNonDominatedSetAndTheRestIsFadedWithoutConsoleErrors() throws Exception {
        Browser.consoleProblems(driver);
        JsonNode api = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "api/pareto?campaign=mo")).build(), HttpResponse.BodyHandlers.ofString()).body());
        Set<String> apiFront = new HashSet<>();
        api.get("front").forEach(id -> apiFront.add(id.asText()));
        // the API's front is the brute-force non-dominated set of its own points (both minimised)
        List<JsonNode> points = new ArrayList<>();
        api.get("points").forEach(points::add);
        assertThat(points).hasSize(25);
        Set<String> brute = new HashSet<>();
        for (JsonNode p : points) {
            boolean dominated = points.stream().anyMatch(q -> q.get("values").get(0).asDouble() <= p.get("values").get(0).asDouble()
                    && q.get("values").get(1).asDouble() <= p.get("values").get(1).asDouble()
                    && (q.get("values").get(0).asDouble() < p.get("values").get(0).asDouble()
                    || q.get("values").get(1).asDouble() < p.get("values").get(1).asDouble()));
            if (!dominated) brute.add(p.get("trial_id").asText());
        }
        assertThat(apiFront).isEqualTo(brute).isNotEmpty();

        driver.get(base + "pareto.html?campaign=mo");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#pareto-front tbody tr"), 0));
        assertThat(new HashSet<>(seriesNames(1))).as("the plotted front").isEqualTo(apiFront);
        assertThat(seriesNames(0)).hasSize(25 - apiFront.size()).doesNotContainAnyElementsOf(apiFront);
        Object opacity = driver.executeScript("return echarts.getInstanceByDom(document.getElementById('pareto-chart'))"
                + ".getOption().series[0].itemStyle.opacity;");
        assertThat(((Number) opacity).doubleValue()).isLessThan(0.5);
        assertThat(driver.findElements(By.cssSelector("#pareto-front tbody tr"))).hasSize(apiFront.size());
        assertThat(driver.findElement(By.id("pareto-warning")).getText()).contains("training_seconds")
                .contains("not reproducible");
        assertThat(Browser.consoleProblems(driver)).as("console errors and warnings").isEmpty();
    }
}
