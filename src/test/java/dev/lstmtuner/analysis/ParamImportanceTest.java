package dev.lstmtuner.analysis;

import java.util.Arrays;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ParamImportanceTest {

    @Test
    void paramThatDrivesTheObjectiveRanksFirst() {
        Random rnd = new Random(7);
        List<ParamImportance.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double lr = Math.pow(10, -4 + 3 * rnd.nextDouble());
            int units = 16 << rnd.nextInt(4);
            samples.add(new ParamImportance.Sample(Map.of("learning_rate", lr, "units", units),
                    Math.log10(lr) * Math.log10(lr) + 0.01 * rnd.nextGaussian()));
        }
        List<ParamImportance.Importance> imp = ParamImportance.compute(samples);
        assertThat(imp).extracting(ParamImportance.Importance::param).containsExactly("learning_rate", "units");
        assertThat(imp.get(0).varianceShare()).isGreaterThan(0.9);
        assertThat(imp.get(1).varianceShare()).isLessThan(0.1);
        assertThat(imp.get(0).groups()).isEqualTo(ParamImportance.MAX_BINS);
        assertThat(imp.stream().mapToDouble(ParamImportance.Importance::normalized).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void categoricalParamExplainsAllVarianceWhenObjectiveDependsOnlyOnIt() {
        List<ParamImportance.Sample> samples = List.of(
                new ParamImportance.Sample(Map.of("scaler", "standard", "seed", 1), 1.0),
                new ParamImportance.Sample(Map.of("scaler", "standard", "seed", 2), 1.0),
                new ParamImportance.Sample(Map.of("scaler", "minmax", "seed", 1), 3.0),
                new ParamImportance.Sample(Map.of("scaler", "minmax", "seed", 2), 3.0));
        List<ParamImportance.Importance> imp = ParamImportance.compute(samples);
        assertThat(imp.get(0).param()).isEqualTo("scaler");
        assertThat(imp.get(0).varianceShare()).isCloseTo(1.0, within(1e-12));
        // the confirmation runs' seed is not a param of the space
        assertThat(imp).extracting(ParamImportance.Importance::param).containsExactly("scaler");
    }

    @Test
    void constantObjectiveOrSingleTrialGivesNoImportance() {
        assertThat(ParamImportance.compute(List.of(new ParamImportance.Sample(Map.of("a", 1), 2.0)))).isEmpty();
        assertThat(ParamImportance.compute(List.of(new ParamImportance.Sample(Map.of("a", 1), 2.0),
                new ParamImportance.Sample(Map.of("a", 2), 2.0)))).isEmpty();
    }

    @Test
    void equalNumericValuesShareABin() {
        List<ParamImportance.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 30; i++) samples.add(new ParamImportance.Sample(Map.of("x", i < 15 ? 0.5 : i), i));
        int[] g = ParamImportance.groups(samples, "x");
        for (int i = 1; i < 15; i++) assertThat(g[i]).isEqualTo(g[0]);
    }

    /** Plain η² (the old measure) of one param: SS_between / SS_total. */
    private static double etaSquared(List<ParamImportance.Sample> samples, String name) {
        int[] g = ParamImportance.groups(samples, name);
        double mean = samples.stream().mapToDouble(ParamImportance.Sample::objective).average().orElseThrow();
        Map<Integer, double[]> sums = new HashMap<>();
        double sst = 0;
        for (int i = 0; i < g.length; i++) {
            double y = samples.get(i).objective();
            sums.computeIfAbsent(g[i], k -> new double[2])[0] += y;
            sums.get(g[i])[1]++;
            sst += (y - mean) * (y - mean);
        }
        double ssb = 0;
        for (double[] s : sums.values()) ssb += s[1] * Math.pow(s[0] / s[1] - mean, 2);
        return ssb / sst;
    }

    @Test
    void omegaSquaredIsNearZeroOnNoiseEvenWithTenGroupsAtTwentyTrials() {
        Random rnd = new Random(5);
        int[] tenBins = new int[20];
        int[] all = new int[20];
        for (int i = 0; i < 20; i++) {
            tenBins[i] = i / 2;
            all[i] = i;
        }
        double omega = 0, eta = 0;
        for (int c = 0; c < 500; c++) {
            double[] y = new double[20];
            List<ParamImportance.Sample> samples = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                y[i] = rnd.nextGaussian();
                samples.add(new ParamImportance.Sample(Map.of("x", "bin" + tenBins[i]), y[i])); // categorical: 10 groups
            }
            omega += ParamImportance.omegaSquared(y, tenBins, 10, all);
            eta += etaSquared(samples, "x");
        }
        // η² expects (k - 1) / (N - 1) = 9 / 19 = 0.47 here; ω² is unbiased before clipping at 0 (about 0.12 after)
        assertThat(eta / 500).isGreaterThan(0.4);
        assertThat(omega / 500).isLessThan(0.15);
    }

    /**
     * Over pure-noise campaigns of N trials (objective N(0, 1), independent of every param): the mean ω² of a float,
     * a bool and a conditional float (present in half the trials, decided by the bool), and the share of their
     * intervals that exclude 0 ({@code low > 0}).
     */
    private static double[][] noiseImportance(int n, int campaigns) {
        Random rnd = new Random(11 + n);
        String[] names = {"dropout", "bidirectional", "units_2"};
        double[][] out = new double[2][names.length];
        for (int c = 0; c < campaigns; c++) {
            List<ParamImportance.Sample> samples = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean two = rnd.nextBoolean();
                Map<String, Object> p = new HashMap<>(Map.of("dropout", rnd.nextDouble(), "bidirectional", two));
                if (two) p.put("units_2", 8 + rnd.nextInt(120));
                samples.add(new ParamImportance.Sample(p, rnd.nextGaussian()));
            }
            for (ParamImportance.Importance imp : ParamImportance.compute(samples)) {
                int k = Arrays.asList(names).indexOf(imp.param());
                out[0][k] += imp.varianceShare() / campaigns;
                if (imp.low() > 0) out[1][k] += 1.0 / campaigns;
            }
        }
        return out;
    }

    @Test
    void onPureNoiseAtMostOneIntervalInTenExcludesZeroForFloatsBoolsAndConditionalsAt20_40And100Trials() {
        System.out.println("param importance on pure noise (300 campaigns each): share of intervals excluding 0"
                + " [mean omega squared]");
        System.out.printf("  %6s %18s %18s %22s%n", "trials", "float", "bool", "conditional float");
        for (int n : new int[]{20, 40, 100}) {
            double[][] r = noiseImportance(n, 300);
            System.out.printf("  %6d %9.1f%% [%.3f] %9.1f%% [%.3f] %13.1f%% [%.3f]%n", n, 100 * r[1][0], r[0][0],
                    100 * r[1][1], r[0][1], 100 * r[1][2], r[0][2]);
            for (int k = 0; k < 3; k++) assertThat(r[1][k]).as("n = %d, param %d", n, k).isLessThanOrEqualTo(0.10);
            assertThat(r[0][0]).as("float mean").isLessThan(0.1);
            assertThat(r[0][1]).as("bool mean").isLessThan(0.05);
        }
    }

    @Test
    void oneParamObjectiveIsDominatedByThatParamAtTwentyTrials() {
        Random rnd = new Random(3);
        List<ParamImportance.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double lr = rnd.nextDouble();
            samples.add(new ParamImportance.Sample(Map.of("learning_rate", lr, "dropout", rnd.nextDouble(),
                    "bidirectional", rnd.nextBoolean()), 3 * lr + 0.1 * rnd.nextGaussian()));
        }
        List<ParamImportance.Importance> imp = ParamImportance.compute(samples);
        assertThat(imp.get(0).param()).isEqualTo("learning_rate");
        assertThat(imp.get(0).varianceShare()).isGreaterThan(0.8);
        assertThat(imp.get(0).low()).isGreaterThan(0.5);
        assertThat(imp.get(0).normalized()).isGreaterThan(0.8);
        assertThat(imp.subList(1, 3)).allSatisfy(i -> assertThat(i.varianceShare()).isLessThan(0.2));
    }

    @Test
    void aConditionalParamIsMeasuredWithinTheTrialsThatHaveIt() {
        // two layers score 0, three layers 10 (the layers param's effect); within three-layer trials units_3 is
        // noise. Counting the two-layer trials as an "absent" group would hand units_3 the effect of layers.
        Random rnd = new Random(8);
        List<ParamImportance.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            samples.add(i % 2 == 0 ? new ParamImportance.Sample(Map.of("layers", 2), rnd.nextGaussian())
                    : new ParamImportance.Sample(Map.of("layers", 3, "units_3", 8 + i), 10 + rnd.nextGaussian()));
        }
        Map<String, ParamImportance.Importance> imp = new HashMap<>();
        ParamImportance.compute(samples).forEach(i -> imp.put(i.param(), i));
        assertThat(imp.get("layers").varianceShare()).isGreaterThan(0.9);
        assertThat(imp.get("units_3").trials()).isEqualTo(30);
        assertThat(imp.get("units_3").varianceShare()).isLessThan(0.2);
        assertThat(imp.get("units_3").low()).isZero();
    }
}
