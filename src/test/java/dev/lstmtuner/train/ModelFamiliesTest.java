package dev.lstmtuner.train;

import dev.lstmtuner.baseline.Baselines;
import dev.lstmtuner.baseline.RidgeModel;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.search.Experiment;
import dev.lstmtuner.search.ExperimentLoader;
import dev.lstmtuner.search.sampler.GridSampler;
import dev.lstmtuner.search.space.Param;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every family runs through the same windows, split, scalers and evaluation as the LSTM. */
class ModelFamiliesTest {
    @TempDir
    Path dir;
    static TrialRunner.Outcome lstm;

    @BeforeAll
    static void trainTheLstmToCompareWith() {
        lstm = run(TrainerTest.tiny(Map.of("max_epochs", 1)));
    }

    private static TrialRunner.Outcome run(RunConfig c) {
        return TrialRunner.run(c, TrialRunner.prepare(c), m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
    }

    private static RunConfig family(String model, Map<String, Object> more) {
        Map<String, Object> o = new HashMap<>(Map.of("model", model, "max_epochs", 1));
        o.putAll(more);
        return TrainerTest.tiny(o);
    }

    @Test
    void linearIsScoredOnTheLstmsTestWindowsBesidePersistence() {
        TrialRunner.Outcome linear = run(family("linear", Map.of("l2", 1.0)));
        Evaluator.TestForecast a = linear.evaluation().forecast(), b = lstm.evaluation().forecast();
        assertThat(a.timeMs()).isEqualTo(b.timeMs());
        assertThat(a.actual()).isEqualTo(b.actual());
        FinalMetrics m = linear.metrics();
        assertThat(m.persistence()).isEqualTo(lstm.metrics().persistence());
        assertThat(m.skill()).isFinite();
        assertThat(m.persistencePValue()).isNotNull().isBetween(0.0, 1.0);
        assertThat(m.params()).isEqualTo(4 * 10 + 1);
        assertThat(linear.network()).isNull();
        assertThat(linear.result().curve()).hasSize(1);
        assertThat(linear.result().bestValRmse()).isFinite().isPositive();
    }

    @Test
    void theLinearFitSeesOnlyTheTrainingSplit() {
        RunConfig c = family("linear", Map.of("l2", 1.0));
        Dataset ds = TrialRunner.prepare(c).dataset();
        Dataset.Split v = ds.val(), t = ds.test();
        float[] noise = new float[v.x().length];
        Arrays.fill(noise, 9f);
        Dataset damaged = new Dataset(ds.featureNames(), ds.timeSteps(), ds.horizon(), ds.target(), ds.train(),
                new Dataset.Split(v.n(), noise, new float[v.n()], v.anchor(), v.anchorTimeMs(), v.anchorClose(), v.actualClose()),
                new Dataset.Split(t.n(), new float[t.x().length], new float[t.n()], t.anchor(), t.anchorTimeMs(), t.anchorClose(), t.actualClose()),
                ds.featureScaler(), ds.targetScaler(), ds.warmupRowsDropped(), ds.windowsSkippedAtGaps());
        RidgeModel clean = (RidgeModel) Baselines.fit(c, ds);
        RidgeModel other = (RidgeModel) Baselines.fit(c, damaged);
        assertThat(other.weights()).isEqualTo(clean.weights());
        assertThat(other.intercept()).isEqualTo(clean.intercept());
    }

    @Test
    void forestIsReproducibleAndASavedForestPredictsItsStoredTestForecasts() {
        RunConfig c = family("forest", Map.of("trees", 3, "max_depth", 4, "seed", 7));
        TrialRunner.Outcome a = run(c), b = run(c);
        assertThat(a.evaluation().forecast().predicted()).isEqualTo(b.evaluation().forecast().predicted());
        // params counts tree nodes: at least a root and two leaves per tree, at most a full tree of depth 4
        assertThat(a.metrics().params()).isBetween(3L * 3, 3L * 31);
        assertSavedModelReproducesTestForecasts(c, a, dir.resolve("forest"));
    }

    @Test
    void aSavedLinearModelPredictsItsStoredTestForecastsExactly() {
        RunConfig c = family("linear", Map.of("l2", 0.5));
        assertSavedModelReproducesTestForecasts(c, run(c), dir.resolve("linear"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "transformer"})
    void aNeuralFamilyTrainsOnTheLstmsWindowsIsReproducibleAndItsSavedNetworkPredictsItsTestForecasts(String model) {
        RunConfig c = family(model, Map.of("max_epochs", 2, "heads", 2, "head_size", 4));
        TrialRunner.Outcome a = run(c), b = run(c);
        assertThat(a.evaluation().forecast().timeMs()).isEqualTo(lstm.evaluation().forecast().timeMs());
        assertThat(a.metrics().persistence()).isEqualTo(lstm.metrics().persistence());
        assertThat(a.metrics().skill()).isFinite();
        assertThat(a.result().curve()).hasSize(2);
        assertThat(a.network().params()).isEqualTo(b.network().params());
        assertThat(a.evaluation().forecast().predicted()).isEqualTo(b.evaluation().forecast().predicted());
        assertSavedModelReproducesTestForecasts(c, a, dir.resolve(model));
    }

    private static void assertSavedModelReproducesTestForecasts(RunConfig c, TrialRunner.Outcome o, Path bundle) {
        ModelBundle.writeModel(bundle, o.forecaster(), o.prepared().dataset(), c);
        boolean neural = !Baselines.handles(c.model());
        assertThat(bundle.resolve(ModelBundle.MODEL).toFile().exists()).isEqualTo(neural);
        Predictor p = Predictor.load(bundle);
        assertThat(p.network() != null).isEqualTo(neural);
        assertThat(p.config().model()).isEqualTo(c.model());
        Predictor.Forecast f = p.predict(DataSource.load(c.data(), GapPolicy.parse(c.gapPolicy()), c.maxRows()).series());
        Map<Long, Integer> byTime = new HashMap<>();
        for (int k = 0; k < f.n(); k++) byTime.put(f.anchorTimeMs()[k], k);
        Evaluator.TestForecast test = o.evaluation().forecast();
        for (int k = 0; k < test.timeMs().length; k++) {
            assertThat(f.predicted()[byTime.get(test.timeMs()[k])]).isEqualTo(test.predicted()[k]);
        }
    }

    @Test
    void theShippedFamiliesExperimentSearchesTheFamilyWithConditionalParams() {
        Experiment e = ExperimentLoader.load(Path.of("experiments/model-families.json"));
        assertThat(e.base().from()).isEqualTo("2024-01-01");
        assertThat(e.base().to()).isEqualTo("2024-12-31");
        assertThat(e.space().params()).extracting(Param::name).contains("model", "l2", "max_depth");
        List<Map<String, Object>> points = new GridSampler(3).points(e.space());
        assertThat(points).extracting(p -> p.get("model")).containsOnly("linear", "forest", "rnn", "lstm", "gru", "transformer");
        assertThat(points).filteredOn(p -> "lstm".equals(p.get("model"))).singleElement()
                .satisfies(p -> assertThat(p).doesNotContainKeys("l2", "max_depth"));
        assertThat(points).hasSize(2 + 2 + 1 + 1 + 1 + 1);
    }

    @Test
    void anUnknownFamilyIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> family("svm", Map.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("\"model\"").hasMessageContaining("forest");
    }
}
