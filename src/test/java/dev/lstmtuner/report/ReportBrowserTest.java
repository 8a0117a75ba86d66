package dev.lstmtuner.report;

import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.web.Browser;
import dev.lstmtuner.web.BrowserSession;
import dev.lstmtuner.web.WebFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opens a written report from file:// in Debian's headless Chromium (skipped only where Chromium is absent). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserTest {
    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();
    @TempDir
    static Path dir;
    private ChromeDriver driver;
    private Path html;

    @BeforeAll
    void start() throws Exception {
        InMemoryStore store = new InMemoryStore();
        WebFixture.seed(store, dir);
        Report r = new ReportBuilder(store, 10).build(List.of(WebFixture.BTC, WebFixture.ETH, WebFixture.NASTY), List.of());
        html = Files.writeString(dir.resolve("report.html"), HtmlReport.render(r));
        browser.open();
        driver = browser.driver();
    }

    @Test
    void reportOpensFromFileWithoutConsoleErrorsAndShowsItsTablesAndCharts() {
        driver.get(html.toUri().toString());
        assertThat(driver.getTitle()).startsWith("lstm-tuner report: quick-BTC, quick-ETH, <script>");
        assertThat(driver.findElements(By.cssSelector("#leaderboard-0 tbody tr"))).hasSize(10);
        assertThat(driver.findElements(By.cssSelector("#ab tbody tr"))).hasSize(3);
        assertThat(driver.findElements(By.cssSelector("#symbols tbody tr"))).hasSize(3);
        assertThat(driver.findElements(By.cssSelector("#families tbody tr"))).hasSize(1);
        assertThat(driver.findElements(By.cssSelector("svg.chart polyline"))).hasSizeGreaterThanOrEqualTo(3 * (2 + 3));
        assertThat(driver.findElement(By.cssSelector("#leaderboard-2")).findElement(By.xpath("../preceding-sibling::h3[1]"))
                .getText()).startsWith(WebFixture.NASTY);
        assertThat(driver.findElements(By.tagName("script"))).isEmpty();
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(Browser.consoleProblems(driver)).as("console errors and warnings").isEmpty();
    }
}
