package dev.lstmtuner.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForestModelTest {
    private static final int FEATURES = 3, STEPS = 8, PER = FEATURES * STEPS;

    /** Windows in NCW order whose target is a step function of feature 1 at the window's FIRST step. */
    private record Windows(float[] x, float[] y, int n) {
        static Windows make(int n, long seed) {
            Random r = new Random(seed);
            float[] x = new float[n * PER], y = new float[n];
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < PER; j++) x[k * PER + j] = (float) r.nextGaussian();
                float first = x[(k * FEATURES + 1) * STEPS];
                y[k] = (first > 0.3f ? 1f : -1f) + 0.1f * (float) r.nextGaussian();
            }
            return new Windows(x, y, n);
        }
    }

    private static double mse(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        return s / a.length;
    }

    private static double variance(float[] y) {
        double m = 0;
        for (float v : y) m += v;
        m /= y.length;
        double s = 0;
        for (float v : y) s += (v - m) * (v - m);
        return s / y.length;
    }

    @Test
    void forestLearnsASignalThatOnlyTheWindowsFirstStepCarries() {
        Windows train = Windows.make(2000, 1), test = Windows.make(1000, 2);
        ForestModel forest = ForestModel.fit(train.x(), train.y(), train.n(), PER, 30, 6, 7);
        double explained = 1 - mse(forest.predictScaled(test.x(), test.n(), PER), test.y()) / variance(test.y());
        // the last-bar forest saw none of this signal (R² about 0); the whole window recovers most of it
        assertThat(explained).isGreaterThan(0.8);
    }

    @Test
    void sameSeedGivesTheSameForestAndAnotherSeedAnother() {
        Windows w = Windows.make(500, 3);
        float[] a = ForestModel.fit(w.x(), w.y(), w.n(), PER, 5, 4, 11).predictScaled(w.x(), w.n(), PER);
        float[] b = ForestModel.fit(w.x(), w.y(), w.n(), PER, 5, 4, 11).predictScaled(w.x(), w.n(), PER);
        float[] c = ForestModel.fit(w.x(), w.y(), w.n(), PER, 5, 4, 12).predictScaled(w.x(), w.n(), PER);
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void depthLimitsTheTrees() {
        Windows w = Windows.make(800, 4);
        ForestModel stump = ForestModel.fit(w.x(), w.y(), w.n(), PER, 4, 1, 5);
        assertThat(stump.numParams()).isEqualTo(4 * 3);    // a root and two leaves per tree
        ForestModel deeper = ForestModel.fit(w.x(), w.y(), w.n(), PER, 4, 5, 5);
        assertThat(deeper.numParams()).isGreaterThan(4 * 3).isLessThanOrEqualTo(4 * 63);
    }

    @Test
    void aSavedForestPredictsBitIdentically(@TempDir Path dir) throws Exception {
        Windows w = Windows.make(600, 5);
        ForestModel forest = ForestModel.fit(w.x(), w.y(), w.n(), PER, 6, 5, 9);
        forest.write(dir.resolve(forest.fileName()));
        Optional<BaselineModel> read = Baselines.read(dir, FEATURES, STEPS);
        assertThat(read).isPresent();
        assertThat(read.get().predictScaled(w.x(), w.n(), PER)).containsExactly(forest.predictScaled(w.x(), w.n(), PER));
    }

    @Test
    void anEditedForestFileIsRefusedNamingTheNode() throws Exception {
        Windows w = Windows.make(300, 6);
        JsonNode json = ConfigLoader.mapper().readTree(ForestModel.fit(w.x(), w.y(), w.n(), PER, 2, 3, 1).toJson());
        ArrayNode left = (ArrayNode) json.get("trees").get(1).get("left");
        left.set(0, 0);    // the root pointing at itself would loop forever
        assertThatThrownBy(() -> ForestModel.fromJson(json, "model.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("trees[1]").hasMessageContaining("node 0").hasMessageContaining("export the trial again");
        ((ObjectNode) json).remove("trees");
        assertThatThrownBy(() -> ForestModel.fromJson(json, "model.json")).hasMessageContaining("\"trees\"");
    }

    @Test
    void windowsOfAnotherShapeAreRefused() {
        Windows w = Windows.make(200, 7);
        ForestModel forest = ForestModel.fit(w.x(), w.y(), w.n(), PER, 2, 2, 1);
        assertThatThrownBy(() -> forest.predictScaled(new float[PER + 1], 1, PER + 1))
                .hasMessageContaining("the forest takes " + PER);
    }
}
