package dev.lstmtuner.report;

import dev.lstmtuner.analysis.AbTable;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.web.AbFixture;
import dev.lstmtuner.web.WebFixture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report shows a plan campaign's A/B table, in Markdown and HTML, and no such section for a search. */
class AbReportTest {
    @TempDir
    Path dir;

    @Test
    void aPlanCampaignsTableAndVerdictsAreInBothFormats() {
        Store store = new InMemoryStore();
        AbFixture.campaign(store, dir, "ab", 3, new double[]{1.0, 0.6, 1.0}, 1);
        Report r = new ReportBuilder(store, 5).build(List.of("ab"), List.of());
        assertThat(r.plans()).hasSize(1);
        AbTable t = r.plans().get(0);
        String md = MarkdownReport.render(r), html = HtmlReport.render(r);
        assertThat(md).contains("## A/B plans", "### ab", "| bigger model ← chosen |", "better than the baseline",
                "no real difference", "| persistence |", t.rows().get(1).mae().text(), "Holm");
        assertThat(html).contains("<h2>A/B plans</h2>", "<table class=\"ab-plan\">", "bigger + dropout",
                "better than the baseline", t.rows().get(0).objective().text());
    }

    @Test
    void aSearchCampaignHasNoAbPlansSection() {
        Store store = new InMemoryStore();
        WebFixture.campaign(store, dir, "search", "BTC", 6, 2, true);
        Report r = new ReportBuilder(store, 5).build(List.of("search"), List.of());
        assertThat(r.plans()).isEmpty();
        assertThat(MarkdownReport.render(r)).doesNotContain("## A/B plans");
    }
}
