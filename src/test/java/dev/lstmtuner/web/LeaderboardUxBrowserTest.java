package dev.lstmtuner.web;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Note;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;

import java.util.regex.Pattern;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The leaderboard as a forecaster uses it, in headless Chromium over an H2 store: honest colours, every trial
 * visible, the table's chooser/sort/URL/CSV, campaign state, charts, cross-campaign compare, the trial page, dark
 * mode and keyboard. One server and one browser for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderboardUxBrowserTest {
    private static final String LIVE = "live-BTC";
    @TempDir
    static Path dir;
    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();
    private Store store;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String base;
    private TrialHandle live;

    @BeforeAll
    void start() throws Exception {
        store = StoreFactory.open(dir.resolve("store").toString());
        WebFixture.seed(store, dir);
        HonestyFixture.seed(store, dir);
        store.createCampaign(new CampaignSpec(LIVE, HonestyFixture.CONFIG, HonestyFixture.SPACE, "tpe", "median", 4,
                "val_rmse", Direction.MINIMIZE, null, null));
        live = store.start(LIVE, HonestyFixture.params(1e-3, 32), "worker-live", "cpu");
        live.reportEpoch(new EpochMetrics(1, 1.0, 0.9, 500, 100));
        browser.open(LeaderboardServer.create(store, LeaderboardServer.DEFAULT_TTL_MS, true));
        base = browser.base();
        driver = browser.driver();
        wait = browser.await();
    }

    @AfterAll
    void stop() {
        if (store != null) store.close();
    }

    @BeforeEach
    void freshBrowserState() {
        driver.manage().window().setSize(new Dimension(1400, 1000));
        Browser.darkMode(driver, false);
        driver.get(base + "index.html");
        driver.executeScript("localStorage.clear()");
    }

    private String campaign(String name) {
        return base + "campaign.html?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private long id(String campaign, int number) {
        return store.trial(campaign, number).orElseThrow().id();
    }

    private WebElement row(int number) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#leaderboard tbody tr[data-id='" + id(currentCampaign(), number) + "']")));
    }

    private String currentCampaign() {
        return (String) driver.executeScript("return new URLSearchParams(location.search).get('name')");
    }

    private WebElement cell(WebElement row, String col) {
        return row.findElement(By.cssSelector("td[data-col='" + col + "']"));
    }

    private Object js(String script) {
        return driver.executeScript(script);
    }

    /** The option of the ECharts instance in a div, as JSON-like maps. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> chart(String divId) {
        return (Map<String, Object>) wait.until(d -> js("const div = document.getElementById('" + divId + "');"
                + " if (!div || !window.echarts) return null; const c = echarts.getInstanceByDom(div);"
                + " if (!c || !c.getOption() || !c.getOption().series) return null;"
                + " return JSON.parse(JSON.stringify(c.getOption(), (k, v) => typeof v === 'function' ? undefined : v));"));
    }

    @Test
    void aSkillNearZeroTrialIsNeitherGreenNorRedAndSaysNoBetterThanPersistence() {
        driver.get(campaign(HonestyFixture.NAME));
        WebElement zero = row(1);
        // Holm over #1-#3: #1 has the largest raw p, so its adjusted p is its raw p
        assertThat(cell(zero, "verdict").getText())
                .isEqualTo("no better than persistence (Holm p = 0.708 over 3 trials; raw p = 0.708)");
        assertThat(cell(zero, "verdict").getAttribute("class")).doesNotContain("good").doesNotContain("bad");
        assertThat(cell(zero, "skill").getText()).isEqualTo("1.617e-4");
        assertThat(cell(zero, "skill").getAttribute("class")).doesNotContain("good").doesNotContain("bad");
        assertThat(cell(row(2), "skill").getAttribute("class")).contains("good");
        assertThat(cell(row(3), "verdict").getAttribute("class")).contains("bad");

        driver.get(base + "trial.html?id=" + id(HonestyFixture.NAME, 1));
        WebElement flag = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("diagnosis-learned_nothing")));
        assertThat(flag.getText()).contains("Learned nothing: the forecasts stand still").contains("Try: add history");
        assertThat(flag.getAttribute("class")).isEqualTo("flag");
        // the leaderboard row's verdict: corrected across the campaign, the raw p beside it
        assertThat(driver.findElement(By.id("verdict")).getText()).contains("no better than persistence (Holm p = ")
                .contains("raw p = 0.708");
        assertThat(driver.findElement(By.id("verdict")).getAttribute("class")).doesNotContain("good");
        assertThat(driver.findElements(By.cssSelector("#metrics td.good, #metrics td.bad"))).isEmpty();
        assertThat(driver.findElement(By.id("diagnosis-not_enough_epochs")).getText())
                .startsWith("Not enough epochs to judge overfitting");
        assertThat(driver.findElements(By.id("diagnosis-overfitting"))).isEmpty();
    }

    @Test
    void prunedTrialsShowTheirLastValueAndEveryCurveIsDrawnWithTheBestHighlighted() {
        driver.get(campaign(WebFixture.BTC));
        WebElement pruned = row(9);
        WebElement objective = pruned.findElement(By.cssSelector("td.objective"));
        assertThat(objective.getAttribute("class")).contains("partial");
        assertThat(objective.getText()).endsWith("@ ep 3");
        assertThat(pruned.getAttribute("class")).contains("st-pruned");
        Map<String, Object> history = chart("chart-history");
        List<?> series = (List<?>) history.get("series");
        assertThat(((Map<?, ?>) series.get(1)).get("name")).isEqualTo("pruned (last value)");
        assertThat((List<?>) ((Map<?, ?>) series.get(1)).get("data")).hasSize(1);
        List<?> curves = (List<?>) chart("chart-curves").get("series");
        assertThat(curves).hasSizeGreaterThanOrEqualTo(10);
        assertThat(curves.stream().filter(s -> ((String) ((Map<?, ?>) s).get("name")).contains("★ best"))).hasSize(1);
    }

    @Test
    void aRunningTrialsCurveGrowsWithoutReloading() {
        driver.get(campaign(LIVE));
        wait.until(d -> points(chart("chart-curves")) == 1);
        live.reportEpoch(new EpochMetrics(2, 0.8, 0.7, 450, 100));
        wait.until(d -> points(chart("chart-curves")) == 2);
        assertThat(driver.findElement(By.id("status")).getText()).contains("running: 1 trial in progress");
    }

    private static int points(Map<String, Object> option) {
        List<?> series = (List<?>) option.get("series");
        return series.isEmpty() ? 0 : ((List<?>) ((Map<?, ?>) series.get(0)).get("data")).size();
    }

    @Test
    void theBannerShowsTheCampaignWideVerdictAndSortingByATestMetricWarnsThatItMustNotSelect() {
        driver.get(campaign(HonestyFixture.NAME));
        row(1);
        assertThat(driver.findElement(By.id("campaign-verdict")).getText())
                .startsWith("At least one of the 3 trials tried beats persistence").contains("Hansen's SPA");
        assertThat(driver.findElements(By.id("test-sort-warning"))).as("sorted by the objective").isEmpty();
        driver.findElement(By.cssSelector("#leaderboard th[data-sort='skill']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-sort-warning")));
        assertThat(driver.findElement(By.id("test-sort-warning")).getText()).contains("test metrics must not select");
    }

    @Test
    void theDiagnosisFilterKeepsOnlyTheTrialsWithThatDiagnosisAndLivesInTheUrl() {
        driver.get(campaign(HonestyFixture.NAME));
        row(2);
        new Select(driver.findElement(By.id("diagnosis-filter"))).selectByValue("learned_nothing");
        wait.until(d -> d.getCurrentUrl().contains("diagnosis=learned_nothing"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#leaderboard tbody tr[data-id]"), 3));
        assertThat(driver.findElements(By.cssSelector("#leaderboard tbody tr[data-id]")))
                .extracting(r -> Long.parseLong(r.getAttribute("data-id")))
                .containsExactlyInAnyOrder(id(HonestyFixture.NAME, 1), id(HonestyFixture.NAME, 3), id(HonestyFixture.NAME, 6));
        assertThat(driver.findElement(By.id("csv")).getAttribute("href")).contains("diagnosis=learned_nothing");
    }

    @Test
    void theTableSortsInTwoClicksKeepsItsStateInTheUrlAndRemembersHiddenColumns() {
        driver.get(campaign(WebFixture.BTC));
        row(1);
        assertThat(driver.findElements(By.cssSelector("#leaderboard th[data-sort='val_rmse']"))).as("objective is val_rmse").isEmpty();
        By skill = By.cssSelector("#leaderboard th[data-sort='skill']");
        driver.findElement(skill).click();
        wait.until(ExpectedConditions.attributeToBe(skill, "aria-sort", "descending"));
        driver.findElement(skill).click();
        wait.until(ExpectedConditions.attributeToBe(skill, "aria-sort", "ascending"));
        assertThat(driver.getCurrentUrl()).contains("sort=skill").contains("order=asc");
        new Select(driver.findElement(By.id("state-filter"))).selectByValue("complete");
        wait.until(d -> d.getCurrentUrl().contains("state=complete"));
        assertThat(driver.findElement(By.id("csv")).getAttribute("href")).contains("/api/trials.csv?").contains("state=complete")
                .contains("sort=skill");

        driver.findElement(By.cssSelector("#columns summary")).click();
        driver.findElement(By.cssSelector("#columns input[data-col='dropout']")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#leaderboard th[data-sort='dropout']"), 0));

        driver.navigate().refresh(); // a shared link restores sort and filter; the chooser is remembered per campaign
        wait.until(ExpectedConditions.attributeToBe(skill, "aria-sort", "ascending"));
        assertThat(driver.findElement(By.id("page-info")).getText()).contains("of 8 trials");
        assertThat(driver.findElements(By.cssSelector("#leaderboard th[data-sort='dropout']"))).isEmpty();
        List<Double> skills = driver.findElements(By.cssSelector("#leaderboard tbody td[data-col='skill']")).stream()
                .map(e -> Double.parseDouble(e.getText())).toList();
        assertThat(skills).hasSize(8).isSorted();
    }

    @Test
    void theTableFitsAt1400PixelsAndScrollsWithStickyColumnsBelow() {
        driver.get(campaign(WebFixture.BTC));
        row(1);
        assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        assertThat((Boolean) js("const w = document.getElementById('leaderboard'); return w.scrollWidth <= w.clientWidth")).isTrue();
        driver.manage().window().setSize(new Dimension(900, 1000));
        driver.navigate().refresh();
        row(1);
        assertThat((Boolean) js("const w = document.getElementById('leaderboard'); return w.scrollWidth > w.clientWidth")).isTrue();
        assertThat((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        assertThat(js("return getComputedStyle(document.querySelector('#leaderboard tbody td.sticky1')).position")).isEqualTo("sticky");
    }

    @Test
    void aStoppedCampaignSaysHowToResumeStopsPollingAndLinksItsInterruptedTrial() throws Exception {
        driver.get(base);
        WebElement status = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#campaigns tr[data-name='" + HonestyFixture.NAME + "'] td[data-status]")));
        assertThat(status.getAttribute("data-status")).isEqualTo("stopped");
        assertThat(status.getText()).contains("resume with bin/lstm-tuner search --resume 'honest-BTC'");

        driver.get(campaign(HonestyFixture.NAME));
        WebElement interrupted = row(7);
        assertThat(interrupted.getText()).contains("interrupted");
        WebElement copy = interrupted.findElement(By.partialLinkText("re-run as #8"));
        assertThat(copy.getAttribute("href")).endsWith("trial.html?id=" + id(HonestyFixture.NAME, 8));
        assertThat(driver.findElement(By.id("status")).getText()).startsWith("stopped with 1 trial waiting");
        Thread.sleep(10_500); // three idle polls, 3 s apart, then it stops
        long polls = (Long) js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/campaign?')).length");
        Thread.sleep(3_500);
        assertThat(js("return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/campaign?')).length")).isEqualTo(polls);
    }

    @Test
    void chartsUseLogAxesFollowTheFiltersNameTheTrialAndWarnWhenTooFewTrials() {
        driver.get(campaign(HonestyFixture.NAME));
        row(1);
        wait.until(d -> ((Map<?, ?>) ((List<?>) chart("chart-slice").get("xAxis")).get(0)).get("type").equals("log"));
        assertThat(driver.findElement(By.id("importance-note")).getText()).startsWith("Too few trials");
        Object workers = ((Map<?, ?>) ((List<?>) chart("chart-timeline").get("yAxis")).get(0)).get("data");
        assertThat(workers).isEqualTo(List.of("worker-1", "worker-2"));
        js("echarts.getInstanceByDom(document.getElementById('chart-history')).dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0})");
        wait.until(d -> ((String) js("return document.getElementById('chart-history').innerText")).contains("learning_rate"));
        assertThat((String) js("return document.getElementById('chart-history').innerText")).contains("#1");

        new Select(driver.findElement(By.id("range-key"))).selectByValue("learning_rate");
        driver.findElement(By.id("range-max")).sendKeys("0.0005");
        driver.findElement(By.id("add-range")).click();
        wait.until(d -> ((List<?>) ((Map<?, ?>) ((List<?>) chart("chart-slice").get("series")).get(0)).get("data")).size() == 2);
        assertThat(driver.findElement(By.id("charts-filter")).getText()).contains("filters");
    }

    @Test
    void trialsPickedOnTwoCampaignsCompareWithTheRefusalNamingTheDifference() {
        driver.get(campaign(WebFixture.BTC));
        row(1).findElement(By.cssSelector("input[type=checkbox]")).click();
        driver.get(campaign(WebFixture.ETH));
        row(1).findElement(By.cssSelector("input[type=checkbox]")).click();
        WebElement compare = driver.findElement(By.id("compare"));
        assertThat(compare.getText()).isEqualTo("Compare (2)");
        compare.click();
        WebElement dm = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dm-verdict")));
        assertThat(dm.getText()).contains("symbol BTC vs ETH").contains("cannot be paired");
        assertThat(driver.findElement(By.id("metrics")).getText()).contains("quick-BTC #1").contains("quick-ETH #1");

        String ids = id(HonestyFixture.NAME, 3) + "," + id(HonestyFixture.NAME, 1) + "," + id(HonestyFixture.NAME, 2);
        driver.get(base + "compare.html?ids=" + ids);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("multiple-note")));
        assertThat(driver.findElement(By.id("order-note")).getText()).contains("#2 (honest-BTC) is the reference");
        assertThat(driver.findElements(By.cssSelector("#metrics tr:not([data-metric=verdict]):not([data-metric=direction_test]) td.good"))).as("untested differences are not green").isEmpty();
        driver.findElements(By.cssSelector("#metrics a.pin")).get(1).click();
        wait.until(ExpectedConditions.textMatches(By.id("order-note"), Pattern.compile("pinned: #3")));
    }

    @Test
    void theTrialPagePlotsErrorsOffersDownloadsAndLinksNeighboursAndTheBest() {
        driver.get(base + "trial.html?id=" + id(HonestyFixture.NAME, 3));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-errors canvas")));
        assertThat(driver.findElements(By.cssSelector("#chart-error-distribution canvas"))).isNotEmpty();
        assertThat(driver.findElement(By.id("prev-trial")).getAttribute("href")).endsWith("id=" + id(HonestyFixture.NAME, 2));
        assertThat(driver.findElement(By.id("next-trial")).getAttribute("href")).endsWith("id=" + id(HonestyFixture.NAME, 4));
        assertThat(driver.findElement(By.id("compare-best")).getAttribute("href"))
                .endsWith("ids=" + id(HonestyFixture.NAME, 2) + "%2C" + id(HonestyFixture.NAME, 3));
        assertThat(driver.findElement(By.cssSelector("#artifacts a[download]")).getAttribute("href"))
                .endsWith("/api/trials/" + id(HonestyFixture.NAME, 3) + "/artifacts/0");

        driver.get(base + "trial.html?id=" + id(WebFixture.BTC, 12)); // waiting: no empty charts
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-curve")));
        assertThat(driver.findElements(By.cssSelector(".chart"))).isEmpty();
        assertThat(driver.findElement(By.id("state-note")).getText()).contains("Waiting for a worker");
        driver.get(base + "trial.html?id=" + id(WebFixture.BTC, 9)); // pruned: its curve, no prediction plots
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-curve canvas")));
        assertThat(driver.findElements(By.id("chart-predictions"))).isEmpty();
        assertThat(driver.findElement(By.id("state-note")).getText()).startsWith("Pruned at epoch 3 with validation RMSE");
    }

    @Test
    void darkModeFollowsTheSystemAndHeadersSortFromTheKeyboard() {
        Browser.darkMode(driver, true);
        driver.get(campaign(WebFixture.BTC));
        row(1);
        assertThat(js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(18, 20, 23)");
        By rmse = By.cssSelector("#leaderboard th[data-sort='test_rmse']");
        assertThat(driver.findElement(rmse).getAttribute("tabindex")).isEqualTo("0");
        assertThat(driver.findElement(rmse).getAttribute("aria-sort")).isEqualTo("none");
        driver.findElement(rmse).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(rmse, "aria-sort", "ascending"));
        assertThat(driver.switchTo().activeElement().getAttribute("data-sort")).isEqualTo("test_rmse");
        driver.switchTo().activeElement().sendKeys(Keys.SPACE);
        wait.until(ExpectedConditions.attributeToBe(rmse, "aria-sort", "descending"));
    }

    @Test
    void notesAndTagsWithMarkupInThemShowAsTextOnTheLeaderboardAndTheTrialPage() {
        String probe = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
        String tagProbe = "<img src=x onerror=alert(1)>"; // tags hold at most 40 characters
        driver.get(base + "trial.html?id=" + id(HonestyFixture.NAME, 2));
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trial-notes textarea")));
        input.sendKeys("tag " + tagProbe);
        driver.findElement(By.cssSelector("#trial-notes .add-tag")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trial-notes .chip.tag")));
        driver.findElement(By.cssSelector("#trial-notes textarea")).sendKeys("note " + probe);
        driver.findElement(By.cssSelector("#trial-notes .add-note")).click();
        WebElement note = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trial-notes .note-text")));
        assertThat(note.getText()).isEqualTo("note " + probe);
        assertThat(driver.findElement(By.cssSelector("#trial-notes .chip.tag")).getText()).startsWith("tag " + tagProbe);

        driver.get(campaign(HonestyFixture.NAME));
        WebElement chip = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#leaderboard tbody tr[data-id='" + id(HonestyFixture.NAME, 2) + "'] .chip.tag")));
        assertThat(chip.getText()).isEqualTo("tag " + tagProbe);
        assertThat(driver.findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(driver.findElements(By.tagName("script"))).hasSize(6); // echarts, app, campaign-charts, families, ab, campaign
        assertThat(driver.getTitle()).isNotEqualTo("pwned");

        driver.findElement(By.cssSelector("#campaign-notes textarea")).sendKeys("campaign " + probe);
        driver.findElement(By.cssSelector("#campaign-notes .add-note")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#campaign-notes .note-text"), "campaign " + probe));
        assertThat(driver.getTitle()).isNotEqualTo("pwned");
        assertThat(store.notes(HonestyFixture.NAME)).extracting(Note::text)
                .containsExactly("tag " + tagProbe, "note " + probe, "campaign " + probe);
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        driver.findElement(By.cssSelector("#campaign-notes li button.remove")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#campaign-notes .note-text"), 0));
        store.notes(HonestyFixture.NAME).forEach(n -> store.deleteNote(n.id()));
    }
}
