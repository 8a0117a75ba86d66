package dev.lstmtuner.web;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;


import static org.assertj.core.api.Assertions.assertThat;

/** The trial page's cancel button: shown while a trial runs and writes are allowed; a click makes it CANCELLED. */
class TrialCancelBrowserTest {
    @RegisterExtension
    static final BrowserSession browser = new BrowserSession(1200, 900);

    @Test
    void theCancelButtonOfARunningTrialCancelsIt() throws Exception {
        Store store = new InMemoryStore();
        store.createCampaign(new CampaignSpec("live", HonestyFixture.CONFIG, HonestyFixture.SPACE, "tpe", "median", 4,
                "val_rmse", Direction.MINIMIZE, null, null));
        TrialHandle h = store.start("live", HonestyFixture.params(1e-3, 32), "worker-live", "cpu");
        h.reportEpoch(new EpochMetrics(1, 1.0, 0.9, 500, 100));
        browser.open(LeaderboardServer.create(store, 0, true));
        ChromeDriver driver = browser.driver();
        WebDriverWait wait = browser.await();
        driver.get(browser.base() + "trial.html?id=" + h.trialId());
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.cancel-trial"))).click();
        wait.until(d -> store.trial(h.trialId()).orElseThrow().state() == TrialState.CANCELLED);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state-note"),
                "Cancelled (cancelled by the leaderboard): stopped on request, not a failure."));
        assertThat(driver.findElements(By.cssSelector("button.cancel-trial"))).as("a finished trial has none").isEmpty();
        assertThat(Browser.consoleProblems(driver)).as("console errors and warnings").isEmpty();
    }
}
