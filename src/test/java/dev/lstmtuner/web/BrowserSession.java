package dev.lstmtuner.web;

import io.javalin.Javalin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every browser test sets up: headless Chromium ({@link Browser}) and, for the leaderboard's pages, the server
 * on a free loopback port. Register it as a static {@code @RegisterExtension} field: it skips the class where
 * chromium or chromedriver is missing (before the class's own {@code @BeforeAll} seeds anything), and after the
 * class it quits the browser, stops the server and deletes the browser's profile. The class's {@code @BeforeAll}
 * calls {@link #open(Javalin)} (or {@link #open()} for a page read from a file).
 */
public final class BrowserSession implements BeforeAllCallback, AfterAllCallback {
    /** How long a test waits for a page to show what it expects. */
    static final Duration WAIT = Duration.ofSeconds(20);
    private final int width;
    private final int height;
    private Path profiles;
    private Javalin app;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String base;

    public BrowserSession() {
        this(1400, 1000);
    }

    public BrowserSession(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeTrue(Browser.installed(), "chromium and chromedriver are not installed");
    }

    /** Starts the server (on 127.0.0.1, a free port) and the browser. */
    public void open(Javalin server) throws IOException {
        app = server.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port() + "/";
        open();
    }

    /** Starts the browser alone. */
    public void open() throws IOException {
        profiles = Files.createTempDirectory("browser-session");
        driver = Browser.start(profiles, width, height);
        wait = new WebDriverWait(driver, WAIT);
        // pages re-render their tables as data arrives: an element found a moment ago may be replaced
        wait.ignoring(StaleElementReferenceException.class);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait await() {
        return wait;
    }

    /** The server's root URL, with its trailing slash. */
    public String base() {
        return base;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) driver.quit();
        if (app != null) app.stop();
        if (profiles != null) delete(profiles);
        driver = null;
        app = null;
        profiles = null;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException | UncheckedIOException stillExiting) {
            // a browser process still exiting may add or remove a profile file meanwhile: what is left stays in
            // the temp folder, and no test is the worse for it
        }
    }
}
