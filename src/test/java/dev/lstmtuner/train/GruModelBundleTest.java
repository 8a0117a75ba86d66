package dev.lstmtuner.train;

import java.time.Instant;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.model.FastGru;
import dev.lstmtuner.result.EpochListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GruModelBundleTest {
    @Test
    void savedGruTrialRestoresAndPredictsItsStoredTestForecastsExactly(@TempDir Path dir) throws Exception {
        RunConfig c = TrainerTest.tiny(Map.of("cell", "gru", "units", List.of(6, 4), "max_epochs", 2));
        TrialRunner.Outcome outcome = TrialRunner.run(c, TrialRunner.prepare(c), m -> EpochListener.Verdict.CONTINUE,
                (e, b, n, t) -> { });
        ModelBundle.writeModel(dir, outcome.network(), outcome.prepared().dataset(), c);
        ModelBundle.writePredictions(dir, outcome.evaluation().forecast());

        MultiLayerNetwork back = ModelBundle.readModel(dir);
        assertThat(back.getLayer(0).conf().getLayer()).isInstanceOf(FastGru.class);
        assertThat(back.getLayer(1).conf().getLayer()).isInstanceOf(FastGru.class);
        assertThat(back.params()).isEqualTo(outcome.network().params());

        Predictor.Forecast f = Predictor.load(dir).predict(
                DataSource.load(c.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows()).series());
        List<String> lines = Files.readAllLines(dir.resolve(ModelBundle.PREDICTIONS));
        assertThat(lines).hasSizeGreaterThan(10);
        String[] last = lines.get(lines.size() - 1).split(",");
        long anchor = Instant.parse(last[0]).toEpochMilli();
        int k = -1;
        for (int i = 0; i < f.n(); i++) if (f.anchorTimeMs()[i] == anchor) k = i;
        assertThat(k).as("the last test window is predicted again").isNotNegative();
        assertThat(f.predicted()[k]).isEqualTo(Double.parseDouble(last[2]));
    }
}
