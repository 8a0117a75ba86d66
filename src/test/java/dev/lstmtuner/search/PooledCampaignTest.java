package dev.lstmtuner.search;

import dev.lstmtuner.analysis.PooledVsOwn;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.report.HtmlReport;
import dev.lstmtuner.report.MarkdownReport;
import dev.lstmtuner.report.Report;
import dev.lstmtuner.report.ReportBuilder;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.InMemoryStore;
import dev.lstmtuner.store.Trial;

import dev.lstmtuner.web.LeaderboardServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A pooled experiment end to end on {@link PooledFixture}'s synthetic symbols, with the linear family. */
class PooledCampaignTest {
    @TempDir
    Path dir;

    @Test
    void pooledWithoutSymbolsIsRefusedNamingTheKey() {
        String json = "{\"name\": \"p\", \"space\": {\"params\": {\"l2\": {\"type\": \"float\", \"low\": 0.001, \"high\": 1.0}}},"
                + " \"budget\": {\"max_trials\": 1}, \"pooled\": true}";
        assertThatThrownBy(() -> ExperimentLoader.parse(json, "p.json", dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("p.json").hasMessageContaining("\"pooled\"").hasMessageContaining("\"symbols\" is missing");
        String feature = json.replace("\"pooled\": true", "\"symbol_feature\": true");
        assertThatThrownBy(() -> ExperimentLoader.parse(feature, "p.json", dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"symbol_feature\"").hasMessageContaining("\"pooled\": true");
    }

    @Test
    void theShippedExperimentPoolsTheThreeSymbolsWithASymbolFeature() {
        Experiment e = ExperimentLoader.load(Path.of("experiments/pooled.json"));
        assertThat(e.pooled()).isEqualTo(new Experiment.Pooled(true));
        assertThat(e.symbols()).extracting(Experiment.Symbol::symbol).containsExactly("BTCUSDT", "ETHUSDT", "BNBUSDT");
    }

    @Test
    void theStoredExperimentKeepsPooledAndTheSymbolFeature() throws IOException {
        Experiment e = ExperimentLoader.parse(PooledFixture.experiment(dir, ", \"pooled\": true, \"symbol_feature\": true"), "e.json", dir);
        Experiment back = ExperimentLoader.parse(ExperimentLoader.resolvedJson(e), "stored", null);
        assertThat(back.pooled()).isEqualTo(new Experiment.Pooled(true));
        Experiment plain = ExperimentLoader.parse(PooledFixture.experiment(dir, ""), "e.json", dir);
        assertThat(ExperimentLoader.parse(ExperimentLoader.resolvedJson(plain), "stored", null).pooled()).isNull();
    }

    @Test
    void thePooledModelIsScoredPerSymbolAgainstPersistenceAndEachSymbolsOwnModelInTheApiToo() throws IOException {
        InMemoryStore store = new InMemoryStore();
        PooledFixture.seed(store, dir);

        Trial pooled = store.trial("pool-pooled", 1).orElseThrow();
        assertThat(pooled.state()).isEqualTo(TrialState.COMPLETE);
        List<String> kinds = store.report(pooled.id()).orElseThrow().artifacts().stream().map(Artifact::kind).toList();
        assertThat(kinds).containsExactly("predictions:AAA", "predictions:BBB");
        assertThatThrownBy(() -> CampaignPlan.of(store.campaign("pool-pooled").orElseThrow()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("pool-pooled").hasMessageContaining("nothing to resume");

        List<PooledVsOwn.Comparison> all = PooledVsOwn.of(store, "pool");
        assertThat(all).hasSize(1);
        PooledVsOwn.Comparison c = all.get(0);
        assertThat(c.rows()).extracting(PooledVsOwn.Row::symbol).containsExactly("AAA", "BBB");
        for (PooledVsOwn.Row r : c.rows()) {
            assertThat(r.error()).as(r.symbol()).isNull();
            assertThat(r.ownCampaign()).isEqualTo("pool-" + r.symbol().toLowerCase(Locale.ROOT));
            assertThat(r.pooledVerdictKind()).isIn("beats", "no_better", "worse");
            assertThat(r.pooledVerdict()).contains("persistence");
            assertThat(r.pHolm()).isGreaterThanOrEqualTo(r.pValue());
            assertThat(r.verdict()).contains("one model for all").contains("Holm-adjusted over 2 symbols");
        }
        // scored in each symbol's own prices: a symbol at 20x the price has errors of about 20x the size
        assertThat(c.rows().get(0).pooledRmse()).isGreaterThan(5 * c.rows().get(1).pooledRmse());
        // the same windows as the own models: both symbols' data cover the same hours
        Trial ownA = store.trial("pool-aaa", 1).orElseThrow();
        assertThat(c.rows().get(0).n()).isEqualTo(ownA.metrics().testWindows());
        assertThat(PooledVsOwn.of(store, "other")).isEmpty();

        // the report: the same verdict words, and the pooled model is no symbol of "By symbol"
        Report report = new ReportBuilder(store, 3).build(List.of("pool-aaa", "pool-bbb", "pool-pooled"), List.of());
        assertThat(report.pooled()).hasSize(1);
        assertThat(report.symbols()).extracting(Report.GroupRow::key).containsExactly("AAA", "BBB");
        String md = MarkdownReport.render(report), html = HtmlReport.render(report);
        for (PooledVsOwn.Row r : c.rows()) {
            assertThat(md).contains(r.symbol() + ": " + r.verdict());
            assertThat(html).contains(r.symbol() + ": " + r.verdict().replace("'", "&#39;"));
        }
        assertThat(new ReportBuilder(store, 3).build(List.of("pool-aaa"), List.of()).pooled()).isEmpty();

        // the leaderboard's symbols view: the same rows, and no "POOLED" symbol among the per-symbol bests
        JavalinTest.test(LeaderboardServer.create(store, 0), (server, client) -> {
            JsonNode api;
            try (Response r = client.get("/api/pooled?group=pool")) {
                assertThat(r.code()).isEqualTo(200);
                api = new ObjectMapper().readTree(r.body().string());
            }
            assertThat(api).hasSize(1);
            assertThat(api.get(0).get("summary").asText()).isEqualTo(c.summary());
            assertThat(api.get(0).get("rows").get(1).get("p_holm").asDouble()).isEqualTo(c.rows().get(1).pHolm());
            try (Response r = client.get("/api/symbols?group=pool")) {
                JsonNode symbols = new ObjectMapper().readTree(r.body().string());
                assertThat(symbols).extracting(n -> n.get("symbol").asText()).containsExactly("AAA", "BBB");
            }
        });
    }
}
