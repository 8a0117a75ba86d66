package dev.lstmtuner.report;

import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.web.WebFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportTest {
    @TempDir
    static Path dir;
    private InMemoryStore store;
    private Report report;

    @BeforeAll
    void seed() {
        store = new InMemoryStore();
        WebFixture.seed(store, dir);
        report = new ReportBuilder(store, 5).build(List.of(WebFixture.BTC, WebFixture.ETH, WebFixture.NASTY), List.of());
    }

    @Test
    void leaderboardKeepsTheTopTrialsInStoreOrder() {
        Report.CampaignPart btc = report.campaigns().get(0);
        assertThat(btc.total()).isEqualTo(12);
        assertThat(btc.top()).hasSize(5);
        assertThat(btc.top().get(0).id()).isEqualTo(store.best(WebFixture.BTC).orElseThrow().id());
        assertThat(btc.top()).extracting(Trial::objective).isSorted();
    }

    @Test
    void defaultAbComparesEachCampaignsBestWithDeltasAndRefusesToPairDifferentSymbols() {
        assertThat(report.ab()).hasSize(3);
        Report.AbRow a = report.ab().get(0), b = report.ab().get(1);
        assertThat(a.trial().campaign()).isEqualTo(WebFixture.BTC);
        assertThat(a.deltas()).isNull();
        assertThat(b.deltas().get("test_rmse")).isEqualTo(b.metrics().get("test_rmse") - a.metrics().get("test_rmse"));
        // the fixture's campaigns forecast different symbols: their errors are never paired, in the compare page's words
        assertThat(b.dm().error()).startsWith("not compared: symbol BTC vs ETH");
        assertThat(b.dm().pValue()).isNull();
    }

    @Test
    void chosenTrialsMakeTheAbTableInTheGivenOrder() {
        Trial first = store.trial(WebFixture.BTC, 2).orElseThrow(), second = store.trial(WebFixture.BTC, 1).orElseThrow();
        Report r = new ReportBuilder(store, 3).build(List.of(WebFixture.BTC), List.of(first.id(), second.id()));
        assertThat(r.ab()).extracting(row -> row.trial().id()).containsExactly(first.id(), second.id());
        assertThat(r.ab().get(1).dm().n()).isEqualTo(120);
        assertThat(r.ab().get(1).dm().verdict()).contains("#2").contains("#1");
    }

    @Test
    void symbolAndFamilyTablesKeepTheBestByValidationRmse() {
        assertThat(report.symbols()).extracting(Report.GroupRow::key).containsExactly("BNB", "BTC", "ETH");
        Report.GroupRow btc = report.symbols().get(1);
        assertThat(btc.complete()).isEqualTo(8);
        assertThat(btc.dataRows()).isEqualTo(1000);
        assertThat(report.families()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("lstm");
            assertThat(f.complete()).isEqualTo(8 + 8 + 4);
        });
    }

    @Test
    void htmlIsSelfContainedAndEscapesEveryRecordedText() {
        String html = HtmlReport.render(report);
        assertThat(html).doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                .contains("id=\"ab\"").contains("id=\"symbols\"").contains("id=\"families\"").contains("id=\"leaderboard-2\"")
                .contains("default-src 'none'").contains("<svg").contains("Predictions vs actual vs persistence")
                .contains("persistence (").contains("Overfitting: validation loss rose")
                .contains("best epoch");
    }

    @Test
    void markdownHasTheSameTablesAndCannotBreakThem() {
        String md = MarkdownReport.render(report);
        assertThat(md).contains("## A/B comparison").contains("## By symbol").contains("## By model family")
                .contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quotes\"").doesNotContain("<script")
                .contains("| trial | params |");
        for (String line : md.split("\n")) {
            if (line.startsWith("| 1 |")) assertThat(line.split("(?<!\\\\)\\|")).hasSize(4 + Columns.METRICS.size() + 4);
        }
    }

    @Test
    void textEscapingCoversHtmlAndMarkdownSpecials() {
        assertThat(Text.html("a<b>&\"'")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;");
        assertThat(Text.md("x|y\n*z*")).isEqualTo("x\\|y \\*z\\*");
    }
}
