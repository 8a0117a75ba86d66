package dev.lstmtuner.train;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.FidelityStep;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataReport;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.TestSeries;
import dev.lstmtuner.model.ModelFactory;
import dev.lstmtuner.result.EpochListener;
import dev.lstmtuner.result.EpochMetrics;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Multi-fidelity training on a synthetic random walk: which windows an early epoch trains on, and what it records. */
class FidelityTrainingTest {
    private static final Series WALK = TestSeries.randomWalk(1200, 11);
    private static final LoadedData BARS = new LoadedData(WALK, DataReport.of(WALK));

    private static RunConfig tiny(Map<String, Object> more) {
        Map<String, Object> o = new HashMap<>(Map.of(
                "features", List.of("log_return_1", "hl_range", "rsi_14"), "time_steps", 8, "units", List.of(4),
                "dense_units", 0, "dropout", 0.0, "max_epochs", 3, "patience", 0, "batch_size", 16,
                "learning_rate", 0.01, "horizon", 2));
        o.putAll(more);
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "test");
    }

    private static RunConfig quarterForTwoEpochs() {
        return tiny(Map.of("fidelity", List.of(Map.of("through_epoch", 2, "fraction", 0.25))));
    }

    @Test
    void anEarlyEpochTrainsOnTheLastTrainingWindowsAndNeverOnAValidationOrTestBar() {
        Dataset ds = TrialRunner.prepare(tiny(Map.of()), BARS).dataset();
        Dataset.Split train = ds.train();
        int n = train.n();
        int k = FidelityStep.windows(n, 0.25);
        int[] chosen = Trainer.recentWindows(n, k);

        assertThat(k).isLessThan(n / 3);
        assertThat(train.anchor()).as("windows are in chronological order").isSorted();
        int[] anchors = Arrays.stream(chosen).map(i -> train.anchor()[i]).toArray();
        // the most recent k: the end of the training region
        assertThat(anchors).containsExactly(Arrays.copyOfRange(train.anchor(), n - k, n));
        // their target bars are training bars: before every validation and test target
        int lastTarget = Arrays.stream(anchors).max().orElseThrow() + ds.horizon();
        int firstValTarget = Arrays.stream(ds.val().anchor()).min().orElseThrow() + ds.horizon();
        int firstTestTarget = Arrays.stream(ds.test().anchor()).min().orElseThrow() + ds.horizon();
        assertThat(lastTarget).isLessThan(firstValTarget).isLessThan(firstTestTarget);
        assertThat(Trainer.recentWindows(n, n)).as("all windows at full fidelity")
                .containsExactly(IntStream.range(0, n).toArray());
    }

    @Test
    void earlyEpochsRunFewerBatchesValidateOnEverythingAndRecordTheirFidelity() {
        RunConfig c = quarterForTwoEpochs();
        TrialRunner.Prepared p = TrialRunner.prepare(c, BARS);
        Map<Integer, Integer> batches = new TreeMap<>();
        List<EpochMetrics> seen = new ArrayList<>();
        TrialRunner.run(c, p, m -> {
            seen.add(m);
            return EpochListener.Verdict.CONTINUE;
        }, (epoch, batch, of, start) -> batches.put(epoch, of));

        int n = p.dataset().train().n();
        int quarter = (FidelityStep.windows(n, 0.25) + 15) / 16;
        assertThat(batches).containsExactly(Map.entry(1, quarter), Map.entry(2, quarter), Map.entry(3, (n + 15) / 16));
        assertThat(seen).extracting(EpochMetrics::fidelity).containsExactly(0.25, 0.25, 1.0);
    }

    @Test
    void aReducedEpochIsValidatedOnTheWholeValidationSplit() {
        RunConfig c = quarterForTwoEpochs();
        Dataset ds = TrialRunner.prepare(c, BARS).dataset();
        MultiLayerNetwork net = ModelFactory.build(c, ds.features());
        List<double[]> judged = new ArrayList<>(); // {recorded val loss, MSE over every validation window}
        new Trainer(c).train(net, ds, m -> {
            float[] pred = Forecasts.predictScaled(net, ds, ds.val());
            double se = 0;
            for (int i = 0; i < pred.length; i++) se += (pred[i] - ds.val().y()[i]) * (double) (pred[i] - ds.val().y()[i]);
            judged.add(new double[]{m.valLoss(), se / pred.length, pred.length});
            return EpochListener.Verdict.CONTINUE;
        });
        assertThat(judged).hasSize(3).allSatisfy(j -> {
            assertThat(j[0]).isCloseTo(j[1], within(1e-6 * j[1]));
            assertThat(j[2]).isEqualTo(ds.val().n());
        });
    }

    @Test
    void theSameScheduleAndSeedGiveBitIdenticalRunsAndTheScheduleChangesTheRun() {
        RunConfig c = quarterForTwoEpochs();
        TrialRunner.Prepared p = TrialRunner.prepare(c, BARS);
        TrialRunner.Outcome a = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, (e, b, n, t) -> { });
        TrialRunner.Outcome b = TrialRunner.run(c, p, m -> EpochListener.Verdict.CONTINUE, (e, b2, n, t) -> { });
        RunConfig full = tiny(Map.of());
        TrialRunner.Outcome all = TrialRunner.run(full, TrialRunner.prepare(full, BARS),
                m -> EpochListener.Verdict.CONTINUE, (e, b3, n, t) -> { });
        assertThat(b.network().params()).isEqualTo(a.network().params());
        assertThat(b.result().curve()).extracting(EpochMetrics::valLoss)
                .containsExactlyElementsOf(a.result().curve().stream().map(EpochMetrics::valLoss).toList());
        assertThat(all.result().curve().get(0).trainLoss()).isNotEqualTo(a.result().curve().get(0).trainLoss());
    }
}
