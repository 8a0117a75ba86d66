package dev.lstmtuner.report;

import dev.lstmtuner.analysis.diagnosis.Diagnosis;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.web.WebFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
                .contains("persistence (").contains("best epoch");
    }

    @Test
    void bothReportsRenderEachFocusTrialsDiagnosesWithTheirRemedies() {
        String html = HtmlReport.render(report), md = MarkdownReport.render(report);
        assertThat(report.focus()).flatExtracting(f -> f.diagnoses().items()).isNotEmpty();
        for (Report.Focus f : report.focus()) {
            for (Diagnosis d : f.diagnoses().items()) {
                assertThat(html).contains(Text.html(d.text()));
                assertThat(md).contains(Text.md(d.text()));
                if (d.remedy() != null) assertThat(html).contains("Try: " + Text.html(d.remedy()));
            }
        }
    }

    @Test
    void aBaselineTrialGetsNoLearningCurveAndNoOverfittingAllClear() {
        InMemoryStore s = new InMemoryStore();
        s.createCampaign(new CampaignSpec("ridge", "{\"model\":\"linear\",\"symbol\":\"BTC\"}",
                "{\"params\":{\"l2\":{\"type\":\"float\",\"low\":0.001,\"high\":1}}}", "tpe", "median", 1,
                "val_rmse", Direction.MINIMIZE, null, null));
        TrialHandle h = s.start("ridge", Map.of("l2", 0.1), "worker-1", "cpu");
        h.reportEpoch(new EpochMetrics(1, 1.0, 0.9, 2, 10)); // a stray row must not draw a curve for a baseline
        ForecastMetrics fm = new ForecastMetrics(1, 2, 1, 0.9, 0.5);
        h.complete(new FinalMetrics(fm, fm, 0, 2, 10, 0, 0, 1, 100), 2.0);
        Report r = new ReportBuilder(s, 5).build(List.of("ridge"), List.of());
        String html = HtmlReport.render(r), md = MarkdownReport.render(r);
        assertThat(html).doesNotContain("Learning curve").doesNotContain("overfitting flag")
                .contains("No diagnosis found (no learning curve: only the forecasts were judged)");
        assertThat(md).doesNotContain("- learning curve:").doesNotContain("overfitting flag")
                .contains("diagnoses: none found (no learning curve: only the forecasts were judged)");
    }

    @Test
    void markdownHasTheSameTablesAndCannotBreakThem() {
        String md = MarkdownReport.render(report);
        assertThat(md).contains("## A/B comparison").contains("## By symbol").contains("## By model family")
                .contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quotes\"").doesNotContain("<script")
                .contains("| trial | params |")
                // each campaign leads with its campaign-wide verdict (quick-BTC's 8 COMPLETE trials, 120 windows)
                .contains("> ").contains("trials tried").contains("Hansen's SPA").contains("on the 120 test windows all 8 trials share");
        for (String line : md.split("\n")) {
            if (line.startsWith("| 1 |")) assertThat(line.split("(?<!\\\\)\\|")).hasSize(4 + Columns.METRICS.size() + 5);   // + the direction test
        }
    }

    @Test
    void textEscapingCoversHtmlAndMarkdownSpecials() {
        assertThat(Text.html("a<b>&\"'")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;");
        assertThat(Text.md("x|y\n*z*")).isEqualTo("x\\|y \\*z\\*");
    }
}
