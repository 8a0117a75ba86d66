package dev.lstmtuner.web;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The trial page's cancel button: shown while a trial runs and writes are allowed; a click makes it CANCELLED. */
class TrialCancelBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theCancelButtonOfARunningTrialCancelsIt() throws Exception {
        assumeTrue(Browser.installed(), "chromium and chromedriver are not installed");
        Store store = new InMemoryStore();
        store.createCampaign(new CampaignSpec("live", HonestyFixture.CONFIG, HonestyFixture.SPACE, "tpe", "median", 4,
                "val_rmse", Direction.MINIMIZE, null, null));
        TrialHandle h = store.start("live", HonestyFixture.params(1e-3, 32), "worker-live", "cpu");
        h.reportEpoch(new EpochMetrics(1, 1.0, 0.9, 500, 100));
        Javalin app = LeaderboardServer.create(store, 0, true).start("127.0.0.1", 0);
        ChromeDriver driver = Browser.start(dir, 1200, 900);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            driver.get("http://127.0.0.1:" + app.port() + "/trial.html?id=" + h.trialId());
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.cancel-trial"))).click();
            wait.until(d -> store.trial(h.trialId()).orElseThrow().state() == TrialState.CANCELLED);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state-note"),
                    "Cancelled (cancelled by the leaderboard): stopped on request, not a failure."));
            assertThat(driver.findElements(By.cssSelector("button.cancel-trial"))).as("a finished trial has none").isEmpty();
            assertThat(Browser.consoleProblems(driver)).as("console errors and warnings").isEmpty();
        } finally {
            driver.quit();
            app.stop();
        }
    }
}
