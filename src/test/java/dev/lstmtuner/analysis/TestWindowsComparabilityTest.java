package dev.lstmtuner.analysis;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.data.DataSource;
import dev.lstmtuner.data.GapPolicy;
import dev.lstmtuner.data.LoadedData;
import dev.lstmtuner.data.Series;
import dev.lstmtuner.data.SeriesTail;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.train.TrialRunner;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test errors are paired when two trials score the same test windows, whatever history they loaded: a later
 * {@code from} changes the data fingerprint, not the test windows'. Trials recorded before test windows were
 * fingerprinted are judged on their data, as before.
 */
class TestWindowsComparabilityTest {
    private static final LoadedData BARS = DataSource.load(null, GapPolicy.SKIP_WINDOWS, 1000);
    private static final int LATER = 200;
    private static final Campaign CAMPAIGN = Trials.campaign("c", "{}", "val_rmse", Direction.MINIMIZE);

    private static RunConfig config(List<Double> split) {
        Map<String, Object> o = new HashMap<>(Map.of("model", "linear", "features", List.of("log_return_1", "hl_range"),
                "time_steps", 6, "horizon", 1, "split", split, "evaluation", Map.of("folds", 1, "embargo", 0)));
        return ConfigLoader.withOverrides(RunConfig.DEFAULTS, o, "test");
    }

    /** The bars from {@link #LATER} on (a later {@code from}), split so the test region is the full load's. */
    private static TrialRunner.Prepared laterFrom(TrialRunner.Prepared full) {
        LoadedData later = new LoadedData(SeriesTail.slice(BARS.series(), LATER, BARS.series().size()), BARS.report());
        int firstRow = full.features().firstRow(), rows = later.series().size() - firstRow;
        double dev = (full.plan().headline().testStart() - LATER - firstRow + 0.5) / rows;
        return TrialRunner.prepare(config(List.of(dev - 0.2, 0.2, 1 - dev)), later);
    }

    private static Provenance provenance(TrialRunner.Prepared p, boolean withTests) {
        return new Provenance("{}", 42, p.fingerprint(), "v", "c", "17", "dl4j", "CPU", "Linux", "amd64", 1, "host",
                null, withTests ? p.testWindows() : null);
    }

    private static String refusal(Provenance a, Provenance b) {
        Trial ta = Trials.complete(1, 1, 1.0, null, null), tb = Trials.complete(2, 2, 1.0, null, null);
        return Comparability.refusal(ta, Comparability.of(ta, CAMPAIGN, a), tb, Comparability.of(tb, CAMPAIGN, b));
    }

    @Test
    void trialsThatDifferOnlyInFromButScoreTheSameTestWindowsArePaired() {
        TrialRunner.Prepared full = TrialRunner.prepare(config(List.of(0.6, 0.2, 0.2)), BARS);
        TrialRunner.Prepared later = laterFrom(full);
        assertThat(later.fingerprint().sha256()).as("other bars loaded").isNotEqualTo(full.fingerprint().sha256());
        assertThat(later.dataset().test().anchorTimeMs()).as("the same test windows")
                .containsExactly(full.dataset().test().anchorTimeMs());
        assertThat(later.testWindows()).isEqualTo(full.testWindows());
        assertThat(later.testWindows().windows()).isEqualTo(full.dataset().test().n());
        assertThat(refusal(provenance(full, true), provenance(later, true))).isNull();
    }

    @Test
    void trialsScoredOnOtherTestWindowsAreRefusedNamingTheTestWindows() {
        TrialRunner.Prepared a = TrialRunner.prepare(config(List.of(0.6, 0.2, 0.2)), BARS);
        TrialRunner.Prepared b = TrialRunner.prepare(config(List.of(0.6, 0.1, 0.3)), BARS);
        assertThat(b.fingerprint()).as("the same bars").isEqualTo(a.fingerprint());
        String refusal = refusal(provenance(a, true), provenance(b, true));
        assertThat(refusal).startsWith(Comparability.NOT_COMPARED + "test windows " + a.testWindows() + " vs "
                + b.testWindows());
        assertThat(a.testWindows().windows()).isLessThan(b.testWindows().windows());
    }

    @Test
    void aChangedTestPriceChangesTheTestWindowsFingerprintAndAChangedEarlierPriceDoesNot() {
        TrialRunner.Prepared a = TrialRunner.prepare(config(List.of(0.6, 0.2, 0.2)), BARS);
        int testStart = a.plan().headline().testStart();
        double[] close = BARS.series().close().clone();
        close[testStart - 10] *= 1.01;
        DataFingerprint.TestWindows earlier = DataFingerprint.ofTest(withClose(close), testStart,
                BARS.series().size(), 1, "log_return");
        close[testStart + 3] *= 1.01;
        DataFingerprint.TestWindows inTest = DataFingerprint.ofTest(withClose(close), testStart,
                BARS.series().size(), 1, "log_return");
        assertThat(earlier).isEqualTo(a.testWindows());
        assertThat(inTest.sha256()).isNotEqualTo(a.testWindows().sha256());
        assertThat(DataFingerprint.ofTest(BARS.series(), testStart, BARS.series().size(), 1, "close").sha256())
                .as("another target").isNotEqualTo(a.testWindows().sha256());
    }

    @Test
    void trialsRecordedBeforeTestWindowsWereFingerprintedAreJudgedOnTheirData() {
        TrialRunner.Prepared full = TrialRunner.prepare(config(List.of(0.6, 0.2, 0.2)), BARS);
        TrialRunner.Prepared later = laterFrom(full);
        String old = refusal(provenance(full, false), provenance(later, true));
        assertThat(old).startsWith(Comparability.NOT_COMPARED + "data " + full.fingerprint() + " vs "
                + later.fingerprint());
        assertThat(refusal(provenance(full, false), provenance(full, true))).isNull();
    }

    private static Series withClose(double[] close) {
        Series s = BARS.series();
        return new Series(s.source(), s.intervalMs(), s.timeMs(), s.open(), s.high(), s.low(), close,
                s.volume(), s.gaps());
    }
}
