package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.DateRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static dev.lstmtuner.data.CsvFiles.HEADER;
import static dev.lstmtuner.data.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSourceTest {
    @TempDir
    Path dir;

    private static final long HOUR = 3_600_000L;
    private static final long H0 = Instant.parse("2023-03-24T09:00:00Z").toEpochMilli();

    /** 09:00..12:00, 12:00 flat with zero volume, 13:00 missing, 14:00..16:00: like the Binance 2023-03-24 halt. */
    private Path haltFile() {
        return write(dir, "halt.csv", HEADER,
                "2023-03-24T09:00:00Z,100,110,95,105,10",
                "2023-03-24T10:00:00Z,105,112,101,108,12",
                "2023-03-24T11:00:00Z,108,109,100,102,9",
                "2023-03-24T12:00:00Z,102,102,102,102,0",
                "2023-03-24T14:00:00Z,102,104,99,103,7",
                "2023-03-24T15:00:00Z,103,106,101,105,8",
                "2023-03-24T16:00:00Z,105,107,104,106,6");
    }

    @Test
    void failPolicyNamesTheGapAndSuggestsSkipWindows() {
        assertThatThrownBy(() -> DataSource.load(haltFile().toString(), GapPolicy.FAIL, null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("halt.csv has 1 gap")
                .hasMessageContaining("largest 1 missing bar after 2023-03-24T12:00:00Z")
                .hasMessageContaining("\"gap_policy\": \"skip-windows\"");
    }

    @Test
    void skipWindowsPolicyKeepsTheDataWithTheGapRecorded() {
        LoadedData d = DataSource.load(haltFile().toString(), GapPolicy.SKIP_WINDOWS, null);
        assertThat(d.series().size()).isEqualTo(7);
        assertThat(d.series().gaps()).containsExactly(new Series.Gap(3, H0 + 3 * HOUR, H0 + 5 * HOUR, 1));
        assertThat(d.series().segmentStarts()).containsExactly(0, 4);
        assertThat(d.report().gapCount()).isEqualTo(1);
        assertThat(d.report().zeroVolumeBars()).isEqualTo(1);
        assertThat(d.report().describe())
                .contains("gaps: 1 (largest 1 missing bar after 2023-03-24T12:00:00Z); windows crossing a gap are skipped")
                .contains("rows: 7 1h bars, 2023-03-24T09:00:00Z .. 2023-03-24T16:00:00Z");
    }

    @Test
    void maxRowsKeepsTheLastRowsAndReindexesGaps() {
        LoadedData d = DataSource.load(haltFile().toString(), GapPolicy.SKIP_WINDOWS, 5);
        assertThat(d.series().timeMs()).containsExactly(H0 + 2 * HOUR, H0 + 3 * HOUR, H0 + 5 * HOUR,
                H0 + 6 * HOUR, H0 + 7 * HOUR);
        assertThat(d.series().close()).containsExactly(102, 102, 103, 105, 106);
        assertThat(d.series().gaps()).containsExactly(new Series.Gap(1, H0 + 3 * HOUR, H0 + 5 * HOUR, 1));
        assertThat(d.report().rows()).isEqualTo(5);
    }

    @Test
    void maxRowsThatCutsOffTheGapPassesTheFailPolicy() {
        LoadedData d = DataSource.load(haltFile().toString(), GapPolicy.FAIL, 3);
        assertThat(d.series().timeMs()).containsExactly(H0 + 5 * HOUR, H0 + 6 * HOUR, H0 + 7 * HOUR);
        assertThat(d.series().gaps()).isEmpty();
    }

    @Test
    void maxRowsLargerThanTheFileKeepsEverything() {
        assertThat(DataSource.load(haltFile().toString(), GapPolicy.SKIP_WINDOWS, 1000).series().size()).isEqualTo(7);
    }

    @Test
    void maxRowsBelowTwoIsRejected() {
        assertThatThrownBy(() -> DataSource.load(haltFile().toString(), GapPolicy.SKIP_WINDOWS, 1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("max_rows");
    }

    @Test
    void missingFileIsBadInputNamingThePath() {
        String path = dir.resolve("nope.csv").toString();
        assertThatThrownBy(() -> DataSource.load(path, GapPolicy.SKIP_WINDOWS, null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not found: " + path);
    }

    @Test
    void nullPathLoadsTheBundledData() {
        LoadedData d = DataSource.load(null, GapPolicy.FAIL, 100);
        assertThat(d.series().source()).isEqualTo(BundledData.SOURCE);
        assertThat(d.series().size()).isEqualTo(100);
        assertThat(d.series().timeMs()[99]).isEqualTo(BundledData.series().timeMs()[BundledData.series().size() - 1]);
    }

    @Test
    void dateRangeKeepsTheBarsInsideReindexesGapsAndChangesTheFingerprint() {
        DateRange range = DateRange.parse("2023-03-24T10:00:00Z", "2023-03-24T15:00:00Z", "test");
        LoadedData d = DataSource.load(haltFile().toString(), GapPolicy.SKIP_WINDOWS, null, range);
        assertThat(d.series().timeMs()).containsExactly(H0 + HOUR, H0 + 2 * HOUR, H0 + 3 * HOUR, H0 + 5 * HOUR, H0 + 6 * HOUR);
        assertThat(d.series().gaps()).containsExactly(new Series.Gap(2, H0 + 3 * HOUR, H0 + 5 * HOUR, 1));
        LoadedData all = DataSource.load(haltFile().toString(), GapPolicy.SKIP_WINDOWS, null);
        assertThat(DataFingerprint.of(d.series())).isNotEqualTo(DataFingerprint.of(all.series()));
        // max_rows applies after the range: the last 2 bars inside it
        assertThat(DataSource.load(haltFile().toString(), GapPolicy.SKIP_WINDOWS, 2, range).series().timeMs())
                .containsExactly(H0 + 5 * HOUR, H0 + 6 * HOUR);
        // a range that leaves the gap out passes the fail policy
        assertThat(DataSource.load(haltFile().toString(), GapPolicy.FAIL, null,
                DateRange.parse("2023-03-24T14:00:00Z", null, "test")).series().size()).isEqualTo(3);
    }

    @Test
    void aDateAsToKeepsItsWholeDay() {
        assertThat(DataSource.load(haltFile().toString(), GapPolicy.SKIP_WINDOWS, null,
                DateRange.parse("2023-03-24", "2023-03-24", "test")).series().size()).isEqualTo(7);
    }

    @Test
    void aDateRangeOutsideTheFileSaysWhatTheFileCovers() {
        assertThatThrownBy(() -> DataSource.load(haltFile().toString(), GapPolicy.SKIP_WINDOWS, null,
                DateRange.parse("2024-01-01", "2024-12-31", "test")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("halt.csv")
                .hasMessageContaining("keep 0 rows").hasMessageContaining("2023-03-24T09:00:00Z .. 2023-03-24T16:00:00Z");
    }
}
