package dev.lstmtuner.report;

import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.web.WebFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Opens a written report from file:// in Debian's headless Chromium (skipped only where Chromium is absent). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    @TempDir
    static Path dir;
    private ChromeDriver driver;
    private Path html;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "chromium and chromedriver are not installed");
        InMemoryStore store = new InMemoryStore();
        WebFixture.seed(store, dir);
        Report r = new ReportBuilder(store, 10).build(List.of(WebFixture.BTC, WebFixture.ETH, WebFixture.NASTY), List.of());
        html = Files.writeString(dir.resolve("report.html"), HtmlReport.render(r));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory(dir, "chrome"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        if (driver != null) driver.quit();
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
        List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(problems).as("console errors and warnings").isEmpty();
    }
}
