package dev.lstmtuner.web;

import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Families section of the campaign page and the Families page, in headless Chromium. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FamiliesBrowserTest {
    @RegisterExtension
    static final BrowserSession browser = new BrowserSession();
    private Store store;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start() throws Exception {
        store = new InMemoryStore();
        FamilyFixture.seed(store);
        browser.open(LeaderboardServer.create(store));
        base = browser.base();
        driver = browser.driver();
        wait = browser.await();
    }

    @BeforeEach
    void lightMode() {
        Browser.darkMode(driver, false);
    }

    private List<String> familyOrder() {
        return driver.findElements(By.cssSelector("#families tbody tr")).stream()
                .map(r -> r.getAttribute("data-family")).toList();
    }

    private WebElement cell(String family, String col) {
        return driver.findElement(By.cssSelector("#families tr[data-family='" + family + "'] td[data-col='" + col + "']"));
    }

    private void openCampaign(String name) {
        driver.get(base + "campaign.html?name=" + name);
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#families tbody tr"), 0));
    }

    private long id(String campaign, int number) {
        return store.trial(campaign, number).orElseThrow().id();
    }

    @Test
    void campaignPageListsEachFamilysBestFirstAndSaysNoneBeatsPersistenceWithoutConsoleErrors() {
        Browser.consoleProblems(driver);
        openCampaign(FamilyFixture.NONE);
        assertThat(familyOrder()).containsExactly("gru", "lstm", "linear", "forest");
        assertThat(driver.findElement(By.id("families-note")).getText()).startsWith("No model family beats persistence:");
        assertThat(cell("linear", "verdict").getAttribute("class")).contains("bad");
        assertThat(cell("linear", "verdict").getText()).startsWith("worse than persistence");
        assertThat(cell("gru", "verdict").getAttribute("class")).doesNotContain("good").doesNotContain("bad");
        assertThat(cell("lstm", "confirmed_mean").getText()).contains(" ± ").endsWith("(n=2)"); // fresh seeds only
        assertThat(List.of(cell("lstm", "complete").getText(), cell("lstm", "pruned").getText(),
                cell("lstm", "failed").getText())).containsExactly("4", "1", "0");
        assertThat(cell("lstm", "confirmed_mean").getAttribute("title")).contains("2 in this family");
        WebElement forest = driver.findElement(By.cssSelector("#families tr[data-family='forest']"));
        assertThat(forest.getAttribute("class")).contains("no-complete");
        assertThat(cell("forest", "best").getText()).isEqualTo("no complete trial (1 to run)");
        assertThat(driver.findElement(By.cssSelector("#families-compare a")).getAttribute("href"))
                .endsWith("compare.html?ids=" + String.join("%2C", String.valueOf(id(FamilyFixture.NONE, 4)),
                        String.valueOf(id(FamilyFixture.NONE, 2)), String.valueOf(id(FamilyFixture.NONE, 5))));
        assertThat(Browser.consoleProblems(driver)).as("console errors and warnings").isEmpty();
    }

    @Test
    void headersSortByClickOrKeyboardAndAFamilyWithoutACompleteTrialStaysLast() {
        openCampaign(FamilyFixture.NONE);
        driver.findElement(By.cssSelector("#families th[data-sort='family']")).click();
        assertThat(familyOrder()).containsExactly("gru", "linear", "lstm", "forest");
        driver.findElement(By.cssSelector("#families th[data-sort='family']")).click();
        assertThat(familyOrder()).containsExactly("lstm", "linear", "gru", "forest");
        assertThat(driver.findElement(By.cssSelector("#families th[data-sort='family']")).getAttribute("aria-sort"))
                .isEqualTo("descending");
        driver.findElement(By.cssSelector("#families th[data-sort='skill']")).sendKeys(Keys.ENTER);
        assertThat(familyOrder()).containsExactly("gru", "lstm", "linear", "forest");
        assertThat(driver.switchTo().activeElement().getAttribute("data-sort")).isEqualTo("skill");
    }

    @Test
    void familiesPageRanksAGroupOfCampaignsAndShowsARefusalInWords() {
        driver.get(base + "families.html");
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header a.active"))).getText())
                .isEqualTo("Families");
        driver.findElement(By.id("families-group")).sendKeys(FamilyFixture.SPLIT);
        driver.findElement(By.id("families-go")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#families tbody tr"), 2));
        assertThat(familyOrder()).containsExactly("linear", "lstm");
        assertThat(driver.getCurrentUrl()).contains("group=" + FamilyFixture.SPLIT);
        assertThat(driver.findElement(By.cssSelector("#families tr[data-family='linear']")).getText())
                .contains(FamilyFixture.SPLIT_LINEAR + " #1");

        driver.get(base + "families.html?campaign=" + FamilyFixture.NONE + "," + FamilyFixture.OTHER_SYMBOL);
        WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#families-note.refused")));
        assertThat(note.getText()).contains("BTC, ETH").contains("add symbol=");
        assertThat(driver.findElements(By.cssSelector("#families tbody tr"))).isEmpty();
        assertThat(Browser.consoleProblems(driver)).as("only the refused request").allSatisfy(e ->
                assertThat(e.getMessage()).contains("/api/families?campaign=").contains("400"));

        driver.get(base + "families.html?campaign=" + FamilyFixture.SOME);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#families tbody tr"), 3));
        assertThat(driver.findElement(By.id("families-note")).getAttribute("class")).contains("good");
        assertThat(cell("linear", "verdict").getAttribute("class")).contains("good");
        assertThat(Browser.consoleProblems(driver)).as("console errors and warnings").isEmpty();
    }

    @Test
    void darkModeKeepsTheTableOnTheDarkPanelWithTheDarkVerdictColours() {
        Browser.darkMode(driver, true);
        openCampaign(FamilyFixture.NONE);
        WebElement table = driver.findElement(By.cssSelector("#families table"));
        assertThat(table.getCssValue("background-color")).isEqualTo("rgba(27, 30, 34, 1)");
        assertThat(cell("linear", "verdict").getCssValue("color")).isEqualTo("rgba(255, 138, 128, 1)");
        assertThat(driver.findElement(By.cssSelector("#families tr[data-family='forest'] td")).getCssValue("color"))
                .isEqualTo("rgba(154, 160, 166, 1)");
    }
}
