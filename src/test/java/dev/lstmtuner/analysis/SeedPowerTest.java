package dev.lstmtuner.analysis;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SeedPowerTest {

    @Test
    void thePowerAtTheDetectableGapIsWhatASimulatedPairedTestAchieves() {
        // 4 fresh seeds (the quick search): simulate the paired t-test at the gap the report quotes
        int n = 4;
        double gap = SeedPower.detectable(n, 0.05, 0.8);
        Random rnd = new Random(11);
        int rejected = 0, runs = 4000;
        TTest t = new TTest();
        for (int r = 0; r < runs; r++) {
            double[] x = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = gap + rnd.nextGaussian();
                y[i] = 0;
            }
            if (t.pairedTTest(x, y) < 0.05) rejected++;
        }
        assertThat(rejected / (double) runs).isCloseTo(0.8, within(0.025));
    }

    @Test
    void withoutAGapTheTestRejectsAtItsLevelAndMoreSeedsDetectSmallerGaps() {
        assertThat(SeedPower.power(4, 0, 0.05)).isCloseTo(0.05, within(0.002));
        assertThat(SeedPower.detectable(8, 0.05, 0.8)).isLessThan(SeedPower.detectable(4, 0.05, 0.8));
        assertThat(SeedPower.detectable(1, 0.05, 0.8)).isNaN();
    }

    @Test
    void theSentenceStatesTheSeedsAndTheGapInWords() {
        assertThat(SeedPower.sentence(4, 0.05)).startsWith("power: with 4 fresh seeds per trial, a paired t-test at"
                + " α = 0.05 finds a real gap 80 % of the time only when it is at least ").contains("sd of the"
                + " seed-to-seed differences");
        assertThat(SeedPower.sentence(1, 0.05)).contains("no gap can be told from seed noise");
    }
}
