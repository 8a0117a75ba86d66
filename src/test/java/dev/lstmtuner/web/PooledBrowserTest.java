package dev.lstmtuner.web;

import dev.lstmtuner.analysis.PooledVsOwn;
import dev.lstmtuner.search.PooledFixture;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Symbols page's "one model for all vs one model each", in headless Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PooledBrowserTest {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();
    private Store store;
    private ChromeDriver driver;
    private String base;

    @BeforeAll
    void start() throws Exception {
        store = new InMemoryStore();
        PooledFixture.seed(store, dir);
        browser.open(LeaderboardServer.create(store));
        base = browser.base();
        driver = browser.driver();
    }

    @Test
    void theSymbolsPageShowsEachSymbolsVerdictBesideItsOwnModelWithoutConsoleErrors() {
        Browser.consoleProblems(driver);
        driver.get(base + "symbols.html?group=" + PooledFixture.GROUP);
        browser.await().until(
                ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#pooled tbody tr"), 0));
        PooledVsOwn.Comparison c = PooledVsOwn.of(store, PooledFixture.GROUP).get(0);
        assertThat(driver.findElement(By.cssSelector("#pooled .verdict")).getText()).isEqualTo(c.summary());
        List<WebElement> rows = driver.findElements(By.cssSelector("#pooled tbody tr"));
        assertThat(rows).extracting(r -> r.getAttribute("data-symbol")).containsExactly("AAA", "BBB");
        String items = driver.findElement(By.cssSelector("#pooled ul")).getText();
        for (PooledVsOwn.Row r : c.rows()) assertThat(items).contains(r.symbol() + ": " + r.verdict());
        // the per-symbol table above it has no row for the model for all
        assertThat(driver.findElements(By.cssSelector("#symbols tbody tr"))).hasSize(2);
        assertThat(driver.findElement(By.id("symbols")).getText()).doesNotContain(PooledVsOwn.SYMBOL);
        assertThat(Browser.consoleProblems(driver)).as("console errors and warnings").isEmpty();
    }
}
