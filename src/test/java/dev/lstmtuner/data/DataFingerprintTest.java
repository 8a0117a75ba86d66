package dev.lstmtuner.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.lstmtuner.data.CsvFiles.HEADER;
import static dev.lstmtuner.data.CsvFiles.kline;
import static dev.lstmtuner.data.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class DataFingerprintTest {
    @TempDir
    Path dir;

    private static final long H0 = 1_640_995_200_000L;   // 2022-01-01T00:00:00Z
    private static final long HOUR = 3_600_000L;

    private Series headerFile(String lastVolume) {
        return CsvLoader.load(write(dir, "a" + lastVolume + ".csv", HEADER,
                "2022-01-01T00:00:00Z,100.0,110,95,105,10",
                "2022-01-01 01:00:00,105,112,101,108,12.50",
                "2022-01-01T02:00:00Z,108,109,100,102," + lastVolume));
    }

    @Test
    void sameBarsInEitherLayoutGiveTheSameFingerprint() {
        Series binance = CsvLoader.load(write(dir, "b.csv",
                kline(H0, "100,110,95,105,10"),
                kline(H0 + HOUR, "105,112,101,108,12.5"),
                kline(H0 + 2 * HOUR, "108,109,100,102,3")));
        DataFingerprint.Fingerprint a = DataFingerprint.of(headerFile("3"));
        DataFingerprint.Fingerprint b = DataFingerprint.of(binance);
        assertThat(a).isEqualTo(b);
        assertThat(a.sha256()).hasSize(64);
        assertThat(a.rows()).isEqualTo(3);
        assertThat(a.firstTimeMs()).isEqualTo(H0);
        assertThat(a.lastTimeMs()).isEqualTo(H0 + 2 * HOUR);
    }

    @Test
    void changingOneValueChangesTheFingerprint() {
        assertThat(DataFingerprint.of(headerFile("3")).sha256())
                .isNotEqualTo(DataFingerprint.of(headerFile("3.0001")).sha256());
    }

    @Test
    void negativeZeroVolumeCountsAsZero() {
        assertThat(DataFingerprint.of(headerFile("-0"))).isEqualTo(DataFingerprint.of(headerFile("0")));
    }

    @Test
    void toStringShowsShortHashRowsAndRange() {
        DataFingerprint.Fingerprint f = DataFingerprint.of(headerFile("3"));
        assertThat(f.toString()).isEqualTo("sha256:" + f.sha256().substring(0, 8)
                + "… 3 rows 2022-01-01T00:00:00Z..2022-01-01T02:00:00Z");
    }
}
