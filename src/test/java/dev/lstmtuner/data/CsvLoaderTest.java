package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static dev.lstmtuner.data.CsvFiles.HEADER;
import static dev.lstmtuner.data.CsvFiles.kline;
import static dev.lstmtuner.data.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvLoaderTest {
    @TempDir
    Path dir;

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static final long H0 = ms("2022-01-01T00:00:00Z");
    private static final long HOUR = 3_600_000L;

    @Test
    void headerAndBinanceLayoutsParseToTheSameSeries() {
        Series a = CsvLoader.load(write(dir, "a.csv", HEADER,
                "2022-01-01T00:00:00Z,100,110,95,105,10",
                "2022-01-01T01:00:00Z,105,112,101,108,12.5",
                "2022-01-01T02:00:00Z,108,109,100,102,0"));
        Series b = CsvLoader.load(write(dir, "b.csv",
                kline(H0, "100,110,95,105,10"),
                kline(H0 + HOUR, "105,112,101,108,12.5"),
                kline(H0 + 2 * HOUR, "108,109,100,102,0")));
        for (Series s : new Series[]{a, b}) {
            assertThat(s.intervalMs()).isEqualTo(HOUR);
            assertThat(s.timeMs()).containsExactly(H0, H0 + HOUR, H0 + 2 * HOUR);
            assertThat(s.gaps()).isEmpty();
        }
        assertThat(b.open()).containsExactly(a.open());
        assertThat(b.high()).containsExactly(a.high());
        assertThat(b.low()).containsExactly(a.low());
        assertThat(b.close()).containsExactly(a.close());
        assertThat(b.volume()).containsExactly(a.volume());
        assertThat(a.source()).endsWith("a.csv");
    }

    @Test
    void isoSpaceSeparatedAndEpochMillisTimestampsAreAllUtc() {
        Series s = CsvLoader.load(write(dir, "t.csv", HEADER,
                "2022-01-01T00:00:00Z,1,1,1,1,1",
                "2022-01-01 01:00:00,1,1,1,1,1",
                (H0 + 2 * HOUR) + ",1,1,1,1,1",
                "2022-01-01T03:00:00+00:00,1,1,1,1,1",
                "2022-01-01T04:00:00,1,1,1,1,1"));
        assertThat(s.timeMs()).containsExactly(H0, H0 + HOUR, H0 + 2 * HOUR, H0 + 3 * HOUR, H0 + 4 * HOUR);
    }

    @Test
    void binanceMicrosecondsFrom2025AndMillisecondsBeforeMixAcrossTheBoundary() {
        long dec31 = ms("2024-12-31T22:00:00Z");
        Series s = CsvLoader.load(write(dir, "BTCUSDT-1h.csv",
                kline(dec31, "93000,93500,92800,93100,10"),
                kline(dec31 + HOUR, "93100,93600,92900,93400,11"),
                kline((dec31 + 2 * HOUR) * 1000, "93400,94000,93300,93900,12"),
                kline((dec31 + 3 * HOUR) * 1000, "93900,94100,93700,94000,13")));
        assertThat(s.timeMs()).containsExactly(dec31, dec31 + HOUR, ms("2025-01-01T00:00:00Z"),
                ms("2025-01-01T01:00:00Z"));
        assertThat(s.intervalMs()).isEqualTo(HOUR);
        assertThat(s.gaps()).isEmpty();
    }

    @Test
    void futuresHeaderWithOpenTimeIsAccepted() {
        Series s = CsvLoader.load(write(dir, "fut.csv",
                "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
                        + "taker_buy_quote_volume,ignore",
                kline(H0, "100,110,95,105,10"),
                kline(H0 + HOUR, "105,112,101,108,12.5")));
        assertThat(s.timeMs()).containsExactly(H0, H0 + HOUR);
        assertThat(s.close()).containsExactly(105, 108);
    }

    @Test
    void headerNamesAreCaseInsensitiveAndColumnsAfterVolumeAreIgnored() {
        Series s = CsvLoader.load(write(dir, "x.csv", "Timestamp,OPEN,High,Low,Close,Volume,trades",
                "2022-01-01T00:00:00Z,100,110,95,105,10,7",
                "2022-01-01T01:00:00Z,105,112,101,108,12.5,x"));
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.volume()).containsExactly(10, 12.5);
    }

    @Test
    void unknownHeaderIsRejectedWithTheExpectedOne() {
        assertThatThrownBy(() -> CsvLoader.load(write(dir, "h.csv", "date,price,qty",
                "2022-01-01T00:00:00Z,1,1")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("h.csv line 1")
                .hasMessageContaining("date,price,qty")
                .hasMessageContaining("timestamp,open,high,low,close,volume");
    }

    @Test
    void wholeMultipleStepIsAGapWithItsMissingBarCountAndFlatZeroVolumeBarIsNot() {
        Series s = CsvLoader.load(write(dir, "g.csv", HEADER,
                "2022-01-01T00:00:00Z,100,110,95,105,10",
                "2022-01-01T01:00:00Z,105,105,105,105,0",
                "2022-01-01T02:00:00Z,105,112,101,108,12.5",
                "2022-01-01T05:00:00Z,108,109,100,102,3",
                "2022-01-01T06:00:00Z,102,104,99,103,7"));
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.intervalMs()).isEqualTo(HOUR);
        assertThat(s.gaps()).containsExactly(new Series.Gap(2, H0 + 2 * HOUR, H0 + 5 * HOUR, 2));
        assertThat(DataReport.of(s).zeroVolumeBars()).isEqualTo(1);
    }

    private void assertRejected(String name, String message1, String message2, String... lines) {
        assertThatThrownBy(() -> CsvLoader.load(write(dir, name, lines)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(dir.resolve(name).toString())
                .hasMessageContaining(message1)
                .hasMessageContaining(message2);
    }

    @Test
    void unsortedRowIsReportedWithItsLine() {
        assertRejected("u.csv", "u.csv line 4, column timestamp: value \"2022-01-01T00:30:00Z\"", "ascending",
                HEADER,
                "2022-01-01T00:00:00Z,1,1,1,1,1",
                "2022-01-01T01:00:00Z,1,1,1,1,1",
                "2022-01-01T00:30:00Z,1,1,1,1,1",
                "2022-01-01T02:00:00Z,1,1,1,1,1");
    }

    @Test
    void duplicateTimestampNamesBothLines() {
        assertRejected("d.csv", "d.csv line 4, column timestamp: value \"2022-01-01T01:00:00Z\"",
                "duplicates the timestamp on line 3",
                HEADER,
                "2022-01-01T00:00:00Z,1,1,1,1,1",
                "2022-01-01T01:00:00Z,1,1,1,1,1",
                "2022-01-01T01:00:00Z,1,1,1,1,1",
                "2022-01-01T02:00:00Z,1,1,1,1,1");
    }

    @Test
    void timestampOffTheIntervalGridIsAnErrorNotAGap() {
        assertRejected("m.csv", "m.csv line 5, column timestamp: value \"2022-01-01T03:30:00Z\"",
                "not a whole multiple of the 1h interval",
                HEADER,
                "2022-01-01T00:00:00Z,1,1,1,1,1",
                "2022-01-01T01:00:00Z,1,1,1,1,1",
                "2022-01-01T02:00:00Z,1,1,1,1,1",
                "2022-01-01T03:30:00Z,1,1,1,1,1",
                "2022-01-01T04:00:00Z,1,1,1,1,1");
    }

    @Test
    void highBelowCloseIsReported() {
        assertRejected("hc.csv", "hc.csv line 3, column high: value \"104\"", "high must be >= max(open, close)",
                HEADER,
                "2022-01-01T00:00:00Z,100,110,95,105,10",
                "2022-01-01T01:00:00Z,100,104,95,105,10");
    }

    @Test
    void nonPositiveLowIsReported() {
        assertRejected("lo.csv", "lo.csv line 2, column low: value \"0\"", "must be > 0",
                HEADER,
                "2022-01-01T00:00:00Z,100,110,0,105,10",
                "2022-01-01T01:00:00Z,100,110,95,105,10");
    }

    @Test
    void negativeVolumeIsReported() {
        assertRejected("v.csv", "v.csv line 3, column volume: value \"-2.5\"", "volume must be >= 0",
                HEADER,
                "2022-01-01T00:00:00Z,100,110,95,105,10",
                "2022-01-01T01:00:00Z,100,110,95,105,-2.5");
    }

    @Test
    void emptyCellIsReported() {
        assertRejected("e.csv", "e.csv line 2, column close: value \"\"", "is empty",
                HEADER,
                "2022-01-01T00:00:00Z,100,110,95,,10",
                "2022-01-01T01:00:00Z,100,110,95,105,10");
    }

    @Test
    void nanAndInfinityAreReported() {
        assertThatThrownBy(() -> CsvLoader.load(write(dir, "n.csv", HEADER,
                "2022-01-01T00:00:00Z,NaN,110,95,105,10",
                "2022-01-01T01:00:00Z,100,Infinity,95,105,10")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("n.csv line 2, column open: value \"NaN\" is NaN")
                .hasMessageContaining("n.csv line 3, column high: value \"Infinity\" is infinite")
                .hasMessageContaining("2 problems");
    }

    @Test
    void textInANumberColumnIsReported() {
        assertRejected("txt.csv", "txt.csv line 3, column low: value \"abc\"", "is not a number",
                HEADER,
                "2022-01-01T00:00:00Z,100,110,95,105,10",
                "2022-01-01T01:00:00Z,100,110,abc,105,10");
    }

    @Test
    void javaOnlyNumberSyntaxIsNotANumber() {
        assertRejected("j.csv", "j.csv line 2, column volume: value \"10d\"", "is not a number",
                HEADER,
                "2022-01-01T00:00:00Z,100,110,95,105,10d",
                "2022-01-01T01:00:00Z,100,110,95,105,10");
    }

    @Test
    void badTimestampIsReported() {
        assertRejected("ts.csv", "ts.csv line 3, column timestamp: value \"2022-13-01T00:00:00Z\"",
                "is not a timestamp",
                HEADER,
                "2022-01-01T00:00:00Z,100,110,95,105,10",
                "2022-13-01T00:00:00Z,100,110,95,105,10",
                "2022-01-01T02:00:00Z,100,110,95,105,10");
    }

    @Test
    void wrongColumnCountIsReported() {
        assertRejected("c.csv", "c.csv line 3: has 5 columns, expected 6", "timestamp,open,high,low,close,volume",
                HEADER,
                "2022-01-01T00:00:00Z,100,110,95,105,10",
                "2022-01-01T01:00:00Z,100,110,95,105",
                "2022-01-01T02:00:00Z,100,110,95,105,10");
    }

    @Test
    void binanceRowWithWrongColumnCountIsReported() {
        assertRejected("k.csv", "k.csv line 2: has 6 columns, expected 12", "open_time",
                kline(H0, "100,110,95,105,10"),
                H0 + HOUR + ",100,110,95,105,10",
                kline(H0 + 2 * HOUR, "100,110,95,105,10"));
    }

    @Test
    void fewerThanTwoRowsIsRejected() {
        assertRejected("one.csv", "one.csv: has 1 data row", "need at least 2",
                HEADER, "2022-01-01T00:00:00Z,100,110,95,105,10");
        assertRejected("empty.csv", "empty.csv: is empty", "timestamp,open,high,low,close,volume");
    }

    @Test
    void manyProblemsAreListedTogetherWithTheirTotal() {
        String[] lines = new String[16];
        lines[0] = HEADER;
        for (int i = 1; i < lines.length; i++) {
            lines[i] = Instant.ofEpochMilli(H0 + (i - 1) * HOUR) + ",100,110,95,105,-" + i;
        }
        assertThatThrownBy(() -> CsvLoader.load(write(dir, "many.csv", lines)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("15 problems (first 10 shown)")
                .hasMessageContaining("many.csv line 2, column volume")
                .hasMessageContaining("many.csv line 11, column volume")
                .hasMessageNotContaining("many.csv line 12,")
                .hasMessageContaining("... and 5 more");
    }

    @Test
    void problemsFromAllChecksAreListedInLineOrder() {
        assertThatThrownBy(() -> CsvLoader.load(write(dir, "mix.csv", HEADER,
                "2022-01-01T00:00:00Z,100,104,95,105,10",
                "2022-01-01T01:00:00Z,NaN,110,0,105,-1",
                "2022-01-01T00:30:00Z,100,110,95,105,1",
                "2022-01-01T02:00:00Z,100,110,95")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("6 problems")
                .hasMessageContainingAll("line 3, column open", "line 3, column low", "line 3, column volume")
                .satisfies(e -> assertThat(e.getMessage())
                        .containsSubsequence("mix.csv line 2, column high", "mix.csv line 3, column open",
                                "mix.csv line 4, column timestamp", "mix.csv line 5: has 4 columns"));
    }

    @Test
    void epochSecondsAreRejectedWithAHint() {
        assertRejected("sec.csv", "sec.csv line 2, column timestamp: value \"1640995200\"", "multiply by 1000",
                HEADER,
                "1640995200,100,110,95,105,10",
                "1640998800000,100,110,95,105,10");
    }

    @Test
    void dateOnlyTimestampsMakeDailyBars() {
        Series s = CsvLoader.load(write(dir, "daily.csv", HEADER,
                "2022-01-01,1,1,1,1,1",
                "2022-01-02,1,1,1,1,1",
                "2022-01-04,1,1,1,1,1"));
        assertThat(s.intervalMs()).isEqualTo(86_400_000L);
        assertThat(s.gaps()).containsExactly(new Series.Gap(1, ms("2022-01-02T00:00:00Z"), ms("2022-01-04T00:00:00Z"), 1));
    }
}
