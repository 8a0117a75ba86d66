package dev.lstmtuner.report;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.TrialHandle;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's Pareto section: the front's trials only, the scatter, and the training_seconds caveat. */
class ParetoReportTest {
    @Test
    void aMultiObjectiveCampaignsReportTabulatesAndPlotsItsFrontAndSaysTimeIsNotReproducible() {
        InMemoryStore store = new InMemoryStore();
        store.createCampaign(new CampaignSpec("mo", "{}", "{}", "nsga2", "asha", 10, Objective.VAL_RMSE,
                Direction.MINIMIZE, "{\"objectives\": [{\"name\": \"val_rmse\"}, {\"name\": \"training_seconds\"}]}", null));
        store.createCampaign(CampaignSpec.single("plain", "{}"));
        // (rmse, seconds): #1 (100, 30) and #3 (120, 5) trade off; #2 (130, 40) is dominated by both
        double[][] v = {{100, 30}, {130, 40}, {120, 5}};
        ForecastMetrics f = new ForecastMetrics(1, 1, 1, 0, 0.5);
        for (double[] p : v) {
            TrialHandle h = store.start("mo", Map.of("units_1", (int) p[1]), "w", "cpu");
            Map<Objective, Double> values = new EnumMap<>(Objective.class);
            values.put(Objective.VAL_RMSE, p[0]);
            values.put(Objective.TRAINING_SECONDS, p[1]);
            h.recordObjectives(values);
            h.complete(new FinalMetrics(f, f, 0, p[0], 10, 3, 3, p[1], 100), p[0]);
        }
        store.start("plain", Map.of(), "w", "cpu").complete(new FinalMetrics(f, f, 0, 90, 10, 3, 3, 1, 100), 90);
        Report r = new ReportBuilder(store, 5).build(List.of("mo", "plain"), List.of());
        assertThat(r.fronts()).extracting(ParetoSection.Part::campaign).containsExactly("mo");

        String md = MarkdownReport.render(r);
        assertThat(md).contains("## Pareto front: mo", "2 of 3 completed trials are non-dominated",
                "| mo/1 | 100.000 | 30.000 |", "| mo/3 | 120.000 | 5.000 |", "not reproducible");
        assertThat(md.substring(md.indexOf("## Pareto front"))).doesNotContain("| mo/2 |");
        String html = HtmlReport.render(r);
        assertThat(html).contains("<svg class=\"chart pareto\"", "<title>mo/1</title>", "<title>mo/3</title>",
                "fill-opacity=\"0.3\"", "not reproducible");
        assertThat(html).doesNotContain("<title>mo/2</title>");
    }
}
