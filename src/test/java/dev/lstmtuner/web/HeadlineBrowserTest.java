package dev.lstmtuner.web;

import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.result.LockboxScore;
import dev.lstmtuner.store.LockboxOpening;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leaderboard's banner and direction cells in headless Chromium: with an opened lockbox its verdict is the
 * headline, above the campaign-wide test (then the rows' corrected verdicts), and every direction accuracy has its
 * Pesaran–Timmermann test beside it, in analysis' words, green only where the corrected test says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadlineBrowserTest {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();
    private Store store;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start() throws Exception {
        store = StoreFactory.open(dir.resolve("store").toString());
        HonestyFixture.seed(store, dir);
        // trial #2 scored on the lockbox: worse than persistence there, though it beats it on the test split
        store.recordLockbox(HonestyFixture.NAME, null, LockboxOpening.Kind.SCORE, false,
                new LockboxScore(2, 110.0, 100.0, -0.1, 3.1, 0.002, 700, 0L, 1L, 5));
        browser.open(LeaderboardServer.create(store, LeaderboardServer.DEFAULT_TTL_MS));
        base = browser.base();
        driver = browser.driver();
        wait = browser.await();
    }

    @AfterAll
    void stop() {
        if (store != null) store.close();
    }

    private WebElement row(int number) {
        long id = store.trial(HonestyFixture.NAME, number).orElseThrow().id();
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#leaderboard tbody tr[data-id='" + id + "']")));
    }

    @Test
    void theLockboxVerdictIsTheHeadlineAboveTheCampaignWideTest() {
        driver.get(base + "campaign.html?name=" + URLEncoder.encode(HonestyFixture.NAME, StandardCharsets.UTF_8));
        row(1);
        List<WebElement> banner = driver.findElements(By.cssSelector("#campaign-verdict-box p"));
        assertThat(banner).hasSizeGreaterThanOrEqualTo(2);
        WebElement lockbox = banner.get(0);
        assertThat(lockbox.getAttribute("id")).isEqualTo("lockbox-verdict");
        assertThat(lockbox.getText()).contains("trial #2 worse than persistence (p = 0.00200) on the 700 lockbox windows")
                .contains("never reopened");
        assertThat(lockbox.getAttribute("class")).contains("bad").doesNotContain("good");
        // second: the campaign-wide test, said to be from before the lockbox; the named winner stays the confirmed #2
        assertThat(banner.get(1).getAttribute("id")).isEqualTo("campaign-verdict");
        assertThat(banner.get(1).getText()).startsWith("Before the lockbox: ").contains("Hansen's SPA");
        assertThat(driver.findElement(By.id("confirmation")).getText()).contains("Confirmed winner: #2");
    }

    @Test
    void everyDirectionAccuracyHasItsCorrectedDirectionTestBesideIt() {
        CampaignVerdicts v = CampaignVerdicts.of(store, HonestyFixture.NAME);
        driver.get(base + "campaign.html?name=" + URLEncoder.encode(HonestyFixture.NAME, StandardCharsets.UTF_8));
        for (int n = 1; n <= 3; n++) {
            WebElement test = row(n).findElement(By.cssSelector("td[data-col='direction_accuracy'] .direction-test"));
            assertThat(test.getText()).isEqualTo(v.direction(n).orElseThrow().cell());
            boolean better = v.direction(n).orElseThrow().significant();
            assertThat(test.getAttribute("class").contains("good")).as("#" + n + " green").isEqualTo(better);
        }
        assertThat(row(2).findElement(By.cssSelector(".direction-test")).getAttribute("class")).contains("good");
        // a confirmation run is no try of its own: no test beside it, and it is greyed out of the ranking
        WebElement run = row(4);
        assertThat(run.findElements(By.cssSelector(".direction-test"))).isEmpty();
        assertThat(run.getAttribute("class")).contains("confirmation-run");

        driver.get(base + "trial.html?id=" + store.trial(HonestyFixture.NAME, 2).orElseThrow().id());
        WebElement page = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#direction-test td")));
        assertThat(page.getText()).isEqualTo(v.direction(2).orElseThrow().cell());
    }
}
