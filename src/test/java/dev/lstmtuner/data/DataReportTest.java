package dev.lstmtuner.data;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DataReportTest {
    private static final long M0 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
    private static final long MIN = 60_000L;

    private static Series withGaps() {
        long[] t = {M0, M0 + MIN, M0 + 3 * MIN, M0 + 4 * MIN, M0 + 9 * MIN, M0 + 10 * MIN};
        double[] p = {10, 11, 12, 12, 13, 14};
        double[] v = {1, 2, 0, 0, 5, 6};
        return new Series("test", MIN, t, p, p, p, p, v, List.of(
                new Series.Gap(1, M0 + MIN, M0 + 3 * MIN, 1),
                new Series.Gap(3, M0 + 4 * MIN, M0 + 9 * MIN, 4)));
    }

    @Test
    void reportFindsTheLargestGapAndCountsFlatZeroVolumeBars() {
        DataReport r = DataReport.of(withGaps());
        assertThat(r.rows()).isEqualTo(6);
        assertThat(r.firstTimeMs()).isEqualTo(M0);
        assertThat(r.lastTimeMs()).isEqualTo(M0 + 10 * MIN);
        assertThat(r.interval()).isEqualTo("1m");
        assertThat(r.gapCount()).isEqualTo(2);
        assertThat(r.missingBars()).isEqualTo(5);
        assertThat(r.largestGap().missingBars()).isEqualTo(4);
        assertThat(r.zeroVolumeBars()).isEqualTo(2);
        assertThat(r.describe()).contains(
                "gaps: 2 (largest 4 missing bars after 2024-05-01T00:04:00Z, 5 missing bars in all); "
                        + "windows crossing a gap are skipped");
    }

    @Test
    void reportWithoutGapsSaysNone() {
        Series s = SeriesTail.of(withGaps(), 2);
        DataReport r = DataReport.of(s);
        assertThat(r.gapCount()).isZero();
        assertThat(r.largestGap()).isNull();
        assertThat(r.describe()).contains("gaps: none").contains("rows: 2 1m bars");
    }
}
