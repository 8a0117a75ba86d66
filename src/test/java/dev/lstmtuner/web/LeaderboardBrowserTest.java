package dev.lstmtuner.web;

import java.util.regex.Pattern;
import dev.lstmtuner.store.InMemoryStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drives the pages in Debian's headless Chromium over the fixture store (skipped only where Chromium is absent). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderboardBrowserTest {
    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();
    @TempDir
    static Path dir;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start() throws Exception {
        InMemoryStore store = new InMemoryStore();
        WebFixture.seed(store, dir);
        browser.open(LeaderboardServer.create(store));
        base = browser.base();
        driver = browser.driver();
        wait = browser.await();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void campaignNameWithScriptTagRendersAsText() {
        driver.get(base);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#campaigns tbody tr")));
        WebElement link = driver.findElement(By.linkText(WebFixture.NASTY));
        assertThat(link.getText()).isEqualTo(WebFixture.NASTY);
        assertThat(driver.findElements(By.tagName("script"))).hasSize(3); // echarts, app.js, index.js: nothing injected
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        link.click();
        wait.until(ExpectedConditions.textToBe(By.id("campaign-name"), WebFixture.NASTY));
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void leaderboardSortsByAParamAndKeepsFailedTrialsBelowCompletedOnes() {
        driver.get(base + "campaign.html?name=" + enc(WebFixture.BTC));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#leaderboard tbody tr.best")));
        assertThat(driver.findElement(By.id("page-info")).getText()).contains("of 12 trials");

        driver.findElement(By.cssSelector("th[data-sort='learning_rate']")).click();
        wait.ignoring(StaleElementReferenceException.class).until(ExpectedConditions.attributeContains(By.cssSelector("th[data-sort='learning_rate']"), "class", "sorted"));
        List<String> states = new ArrayList<>();
        List<Double> completeRates = new ArrayList<>();
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            states.clear();
            completeRates.clear();
            int lrColumn = columnIndex("learning_rate");
            for (WebElement r : d.findElements(By.cssSelector("#leaderboard tbody tr"))) {
                String state = r.getAttribute("data-state");
                states.add(state);
                if (state.equals("complete")) {
                    completeRates.add(Double.parseDouble(r.findElements(By.tagName("td")).get(lrColumn).getText()));
                }
            }
            return true;
        });
        assertThat(completeRates).hasSize(8).isSorted();
        assertThat(states.subList(0, 8)).containsOnly("complete");
        assertThat(states.indexOf("failed")).isGreaterThan(states.lastIndexOf("complete"));
    }

    private int columnIndex(String sortKey) {
        List<WebElement> headers = driver.findElements(By.cssSelector("#leaderboard thead th"));
        for (int i = 0; i < headers.size(); i++) {
            if (sortKey.equals(headers.get(i).getAttribute("data-sort"))) return i;
        }
        throw new AssertionError("no column " + sortKey);
    }

    @Test
    void openingATrialShowsCurvesMetricsAndReproduceCommand() {
        driver.get(base + "campaign.html?name=" + enc(WebFixture.BTC));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#leaderboard tbody tr.best")));
        driver.findElement(By.cssSelector("#leaderboard tbody tr.best td a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reproduce")));
        assertThat(driver.findElement(By.id("reproduce")).getText()).contains("lstm-tuner train --config");
        assertThat(driver.findElement(By.id("config")).getText()).contains("learning_rate");
        assertThat(driver.findElement(By.id("metrics")).getText()).contains("persistence");
        assertThat(driver.findElement(By.id("diagnoses")).getText()).isNotBlank();
        assertThat(driver.findElements(By.cssSelector("#chart-curve canvas"))).isNotEmpty();
        wait.until(ExpectedConditions.textMatches(By.id("pred-note"), Pattern.compile("120 test windows")));
    }

    @Test
    void comparingTwoTrialsShowsTheDieboldMarianoVerdict() {
        driver.get(base + "campaign.html?name=" + enc(WebFixture.BTC));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#leaderboard tbody tr.best")));
        List<WebElement> boxes = driver.findElements(By.cssSelector("#leaderboard tbody input[type=checkbox]"));
        boxes.get(0).click();
        boxes.get(1).click();
        WebElement compare = driver.findElement(By.id("compare"));
        wait.until(ExpectedConditions.elementToBeClickable(compare)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dm-verdict")));
        String verdict = driver.findElement(By.id("dm-verdict")).getText();
        assertThat(verdict).containsPattern("#\\d+").containsPattern("p [=<] 0?\\.?\\d");
        assertThat(driver.findElements(By.cssSelector("#params tbody tr.diff"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#params tbody tr.same"))).isEmpty();
        driver.findElement(By.id("show-all")).click();
        assertThat(driver.findElements(By.cssSelector("#params tbody tr"))).hasSize(4);
    }
}
