package dev.lstmtuner.data;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BundledDataTest {

    @Test
    void bitstampTradesBecomeAboutNinetySixHundredGaplessMinuteBars() {
        Series s = BundledData.series();
        assertThat(s.size()).isEqualTo(9603);
        assertThat(s.intervalMs()).isEqualTo(60_000L);
        assertThat(s.gaps()).isEmpty();
        assertThat(s.timeMs()[0]).isEqualTo(Instant.parse("2013-11-25T00:00:00Z").toEpochMilli());
        for (int i = 1; i < s.size(); i++) assertThat(s.timeMs()[i] - s.timeMs()[i - 1]).isEqualTo(60_000L);
    }

    @Test
    void minutesWithoutTradesAreFlatZeroVolumeBarsAtTheLastPrice() {
        Series s = BundledData.series();
        DataReport r = DataReport.of(s);
        assertThat(r.zeroVolumeBars()).isBetween(150, 250);
        for (int i = 1; i < s.size(); i++) {
            if (s.volume()[i] == 0) {
                assertThat(DataReport.isFlatZeroVolume(s, i)).isTrue();
                assertThat(s.close()[i]).isEqualTo(s.close()[i - 1]);
            }
        }
    }

    @Test
    void everyBundledBarIsASaneOhlcvBar() {
        Series s = BundledData.series();
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.high()[i]).isGreaterThanOrEqualTo(Math.max(s.open()[i], s.close()[i]));
            assertThat(s.low()[i]).isLessThanOrEqualTo(Math.min(s.open()[i], s.close()[i])).isPositive();
            assertThat(s.volume()[i]).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void bundledSeriesIsParsedOnceAndShared() {
        assertThat(BundledData.series()).isSameAs(BundledData.series());
    }

    @Test
    void tradesAggregateToFirstMaxMinLastAndSummedAmount() throws IOException {
        String trades = """
                timestamp,price,amount
                1385337600,800,0.5
                1385337610,805,0.25
                1385337650,798,1
                1385337700,801,2
                1385337830,803,1
                """;
        Series s = BundledData.aggregate(new BufferedReader(new StringReader(trades)));
        long t0 = 1385337600_000L;
        assertThat(s.timeMs()).containsExactly(t0, t0 + 60_000, t0 + 120_000, t0 + 180_000);
        assertThat(s.open()).containsExactly(800, 801, 801, 803);
        assertThat(s.high()).containsExactly(805, 801, 801, 803);
        assertThat(s.low()).containsExactly(798, 801, 801, 803);
        assertThat(s.close()).containsExactly(798, 801, 801, 803);
        assertThat(s.volume()).containsExactly(1.75, 2, 0, 1);
    }
}
