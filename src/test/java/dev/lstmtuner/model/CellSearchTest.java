package dev.lstmtuner.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.search.space.SearchSpace;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class CellSearchTest {
    @Test
    void aSpaceCanSearchTheCellAndEachTrialBuildsThatCell() {
        SearchSpace space = SearchSpace.parse("""
                {"params": {"cell": {"type": "categorical", "values": ["lstm", "gru"]},
                            "units": {"type": "layers", "layers": [1, 2], "values": [4, 8], "decreasing": true}}}
                """, "cells.json");
        Set<String> cells = new HashSet<>();
        for (double u : new double[] {0.1, 0.9}) {
            double[] x = new double[space.dimensions()];
            Arrays.fill(x, u);
            Map<String, Object> params = space.decode(x);
            RunConfig c = ConfigLoader.withOverrides(RunConfig.DEFAULTS, space.toConfigOverrides(params), "trial");
            MultiLayerNetwork net = ModelFactory.build(c, 3);
            Object first = net.getLayer(0).conf().getLayer();
            // the old key "cell" is the family: model gru or lstm
            assertThat(first).isInstanceOf(c.model().equals("gru") ? FastGru.class : FastLstm.class);
            cells.add(c.model());
        }
        assertThat(cells).containsExactlyInAnyOrder("lstm", "gru");
    }
}
