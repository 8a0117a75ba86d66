package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.Series;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PooledWindowsTest {
    private static final List<String> FEATURES = List.of("log_return_1", "hl_range", "log_volume_change");
    private static final int STEPS = 6, HORIZON = 1;

    /** A random walk at {@code level}, its first {@code skip} bars dropped (a symbol listed later). */
    private static Series symbol(long seed, double level, int skip) {
        Series s = TestSeries.randomWalk(400, seed);
        int n = s.size() - skip;
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            o[i] = s.open()[i + skip] * level;
            h[i] = s.high()[i + skip] * level;
            l[i] = s.low()[i + skip] * level;
            c[i] = s.close()[i + skip] * level;
        }
        return new Series("test", s.intervalMs(), Arrays.copyOfRange(s.timeMs(), skip, s.size()), o, h, l, c,
                Arrays.copyOfRange(s.volume(), skip, s.size()), List.of());
    }

    private static List<PooledWindows.Source> sources(Series... series) {
        List<PooledWindows.Source> out = new ArrayList<>();
        String[] names = {"BTC", "ETH", "BNB"};
        for (int i = 0; i < series.length; i++) {
            out.add(new PooledWindows.Source(names[i], series[i], FeatureBuilder.build(series[i], FEATURES)));
        }
        return out;
    }

    private static PooledWindows.Pooled cut(List<PooledWindows.Source> sources, boolean symbolFeature) {
        PooledWindows.Source first = sources.get(0);
        Windows.Bounds b = WalkForward.plan(first.series().size(), first.features().firstRow(), List.of(0.6, 0.2, 0.2),
                1, WalkForward.EXPANDING, HORIZON, 0).headline().bounds();
        return PooledWindows.cut(sources, b, STEPS, HORIZON, "log_return", "standard", symbolFeature);
    }

    @Test
    void eachSymbolsScalersAreFittedOnItsOwnTrainingBarsOnly() {
        Series btc = symbol(1, 500, 0), eth = symbol(2, 30, 0), bnb = symbol(3, 5, 40);
        List<PooledWindows.Source> sources = sources(btc, eth, bnb);
        PooledWindows.Pooled p = cut(sources, false);
        for (int m = 0; m < 3; m++) {
            PooledWindows.Member member = p.members().get(m);
            FeatureMatrix fm = sources.get(m).features();
            Windows.Bounds b = member.bounds();
            Scaler expected = Scalers.fit("standard", fm.values(), b.trainStart() - fm.firstRow(),
                    b.trainEnd() - fm.firstRow(), fm.width());
            assertThat(member.dataset().featureScaler().shift()).as(member.symbol()).containsExactly(expected.shift());
            assertThat(member.dataset().featureScaler().scale()).as(member.symbol()).containsExactly(expected.scale());
        }
        assertThat(p.members().get(0).dataset().targetScaler().scale())
                .isNotEqualTo(p.members().get(1).dataset().targetScaler().scale());

        // another symbol's bars, and this symbol's own bars after its training region, change none of its scalers
        int ethTrainEnd = p.members().get(1).bounds().trainEnd();
        Series ethLater = TestSeries.perturbed(eth, ethTrainEnd + STEPS, eth.size(), 9);
        Series btcOther = TestSeries.perturbed(btc, 0, btc.size(), 8);
        PooledWindows.Pooled changed = cut(sources(btcOther, ethLater, bnb), false);
        Dataset before = p.members().get(1).dataset(), after = changed.members().get(1).dataset();
        assertThat(after.featureScaler().shift()).containsExactly(before.featureScaler().shift());
        assertThat(after.featureScaler().scale()).containsExactly(before.featureScaler().scale());
        assertThat(after.targetScaler().shift()).containsExactly(before.targetScaler().shift());
        assertThat(changed.members().get(0).dataset().featureScaler().shift())
                .isNotEqualTo(p.members().get(0).dataset().featureScaler().shift());
    }

    @Test
    void noWindowMixesSymbolsAndTheRegionsShareDateBoundaries() {
        Series btc = symbol(1, 500, 0), eth = symbol(2, 30, 0), bnb = symbol(3, 5, 40);
        PooledWindows.Pooled p = cut(sources(btc, eth, bnb), false);
        int per = FEATURES.size() * STEPS;
        Dataset.Split[] merged = {p.merged().train(), p.merged().val(), p.merged().test()};
        PooledWindows.Origin[] origins = {p.train(), p.val(), p.test()};
        for (int r = 0; r < 3; r++) {
            int total = 0;
            for (PooledWindows.Member m : p.members()) total += split(m.dataset(), r).n();
            assertThat(merged[r].n()).isEqualTo(total);
            for (int k = 0; k < merged[r].n(); k++) {
                Dataset.Split own = split(p.members().get(origins[r].member()[k]).dataset(), r);
                int w = origins[r].window()[k];
                // the merged window is one member's window, bar for bar: it was cut from one series
                assertThat(Arrays.copyOfRange(merged[r].x(), k * per, (k + 1) * per))
                        .containsExactly(Arrays.copyOfRange(own.x(), w * per, (w + 1) * per));
                assertThat(merged[r].y()[k]).isEqualTo(own.y()[w]);
                assertThat(merged[r].anchorTimeMs()[k]).isEqualTo(own.anchorTimeMs()[w]);
                if (k > 0) assertThat(merged[r].anchor()[k]).isGreaterThan(merged[r].anchor()[k - 1]);
            }
        }
        // BNB starts 40 bars later: its regions still begin at the first symbol's instants
        for (PooledWindows.Member m : p.members()) {
            long[] t = m.series().timeMs();
            assertThat(t[m.bounds().valStart()]).as(m.symbol()).isEqualTo(btc.timeMs()[p.members().get(0).bounds().valStart()]);
            assertThat(t[m.bounds().testStart()]).as(m.symbol()).isEqualTo(btc.timeMs()[p.members().get(0).bounds().testStart()]);
        }
        // the pooled validation target is each window's own scaled target: symbols weigh alike
        assertThat(p.merged().val().actualClose()[0]).isEqualTo(p.merged().val().y()[0], within(1e-6));
    }

    @Test
    void theSymbolFeatureIsOneHotOverEveryStep() {
        PooledWindows.Pooled p = cut(sources(symbol(1, 500, 0), symbol(2, 30, 0)), true);
        assertThat(p.merged().featureNames()).endsWith("symbol=BTC", "symbol=ETH");
        int f = FEATURES.size(), wide = f + 2;
        for (int m = 0; m < 2; m++) {
            Dataset.Split s = p.members().get(m).dataset().test();
            for (int k = 0; k < s.n(); k++) {
                for (int step = 0; step < STEPS; step++) {
                    assertThat(s.x()[(k * wide + f + m) * STEPS + step]).isEqualTo(1f);
                    assertThat(s.x()[(k * wide + f + (1 - m)) * STEPS + step]).isEqualTo(0f);
                }
            }
        }
    }

    @Test
    void aSymbolWhoseDataEndsBeforeTheTestRegionIsRefusedByName() {
        Series btc = symbol(1, 500, 0);
        Series shortEth = symbol(2, 30, 0);
        Series cutEth = new Series("test", shortEth.intervalMs(), Arrays.copyOf(shortEth.timeMs(), 250),
                Arrays.copyOf(shortEth.open(), 250), Arrays.copyOf(shortEth.high(), 250),
                Arrays.copyOf(shortEth.low(), 250), Arrays.copyOf(shortEth.close(), 250),
                Arrays.copyOf(shortEth.volume(), 250), List.of());
        assertThatThrownBy(() -> cut(sources(btc, cutEth), false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("ETH").hasMessageContaining("same dates");
    }

    private static Dataset.Split split(Dataset d, int r) {
        return r == 0 ? d.train() : r == 1 ? d.val() : d.test();
    }
}
