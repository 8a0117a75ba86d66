package dev.lstmtuner.web;

import dev.lstmtuner.analysis.PooledVsOwn;
import dev.lstmtuner.search.PooledFixture;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Symbols page's "one model for all vs one model each", in headless Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PooledBrowserTest {
    @TempDir
    static Path dir;
    private Store store;
    private Javalin app;
    private ChromeDriver driver;
    private String base;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Browser.installed(), "chromium and chromedriver are not installed");
        store = new InMemoryStore();
        PooledFixture.seed(store, dir);
        app = LeaderboardServer.create(store).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port() + "/";
        driver = Browser.start(dir, 1400, 1000);
    }

    @AfterAll
    void stop() {
        if (driver != null) driver.quit();
        if (app != null) app.stop();
    }

    @Test
    void theSymbolsPageShowsEachSymbolsVerdictBesideItsOwnModelWithoutConsoleErrors() {
        Browser.consoleProblems(driver);
        driver.get(base + "symbols.html?group=" + PooledFixture.GROUP);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(
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
