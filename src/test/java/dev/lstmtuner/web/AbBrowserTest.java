package dev.lstmtuner.web;

import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The A/B section of a plan campaign's page, in headless Chromium; a search campaign's page has none. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbBrowserTest {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start() throws Exception {
        Store store = new InMemoryStore();
        AbFixture.campaign(store, dir, "ab", 4, new double[]{1.0, 0.6, 1.0}, 1);
        WebFixture.campaign(store, dir, "search", "BTC", 6, 2, true);
        browser.open(LeaderboardServer.create(store));
        base = browser.base();
        driver = browser.driver();
        wait = browser.await();
    }

    private String verdict(String arm) {
        return driver.findElement(By.cssSelector("#ab tr[data-arm='" + arm + "'] td[data-col='verdict']")).getText();
    }

    @Test
    void aPlanCampaignShowsItsArmsWithVerdictsInWordsAndNoConsoleErrors() {
        Browser.consoleProblems(driver);
        driver.get(base + "campaign.html?name=ab");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#ab tbody tr"), 0));
        assertThat(driver.findElement(By.id("ab")).isDisplayed()).isTrue();
        assertThat(driver.findElements(By.cssSelector("#ab tbody tr"))).extracting(r -> r.getAttribute("data-arm"))
                .containsExactly("baseline", "bigger model", "bigger + dropout", "persistence");
        assertThat(verdict("bigger model")).isEqualTo("better than the baseline");
        assertThat(verdict("bigger + dropout")).isEqualTo("no real difference");
        assertThat(verdict("baseline")).isEqualTo("(the baseline)");
        assertThat(driver.findElement(By.cssSelector("#ab tr[data-arm='bigger model'] td[data-col='verdict']"))
                .getAttribute("class")).contains("good");
        assertThat(driver.findElement(By.id("ab-note")).getText()).contains("Chosen on validation: \"bigger model\"",
                "is the campaign's ★ best trial");
        assertThat(driver.findElements(By.cssSelector("#ab tr[data-arm='bigger model'] a"))
                .stream().filter(a -> a.getText().endsWith(" ★")).toList()).as("the chosen arm's best run").hasSize(1);
        assertThat(driver.findElement(By.id("ab-table")).getText()).contains(" ± ", "units [256, 128, 64]");
        assertThat(driver.findElements(By.cssSelector("#ab tr[data-arm='baseline'] a"))).hasSize(4);
        assertThat(driver.findElement(By.id("ab-reasons")).getText()).contains("Diebold–Mariano", "Holm");
        assertThat(Browser.consoleProblems(driver)).as("console errors and warnings").isEmpty();
    }

    @Test
    void aSearchCampaignHasNoAbSection() {
        Browser.consoleProblems(driver);
        driver.get(base + "campaign.html?name=search");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#families tbody tr"), 0));
        wait.until(d -> d.findElement(By.id("ab")).getAttribute("hidden") != null);
        assertThat(driver.findElement(By.id("ab")).isDisplayed()).isFalse();
        assertThat(Browser.consoleProblems(driver)).as("console errors and warnings").isEmpty();
    }
}
