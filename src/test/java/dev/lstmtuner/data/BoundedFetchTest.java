package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A hostile mirror (zip bomb, oversized file, endless line) ends in exit 2 naming the limit, with nothing kept. */
class BoundedFetchTest {
    private static final String MONTH = "data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-01.zip";
    @TempDir
    Path out;
    DumpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new DumpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void fetch(FetchLimits limits) {
        new BinanceFetch(server.baseUrl(), out, Duration.ofSeconds(5), limits).fetch(List.of("btcusdt"), "1h",
                YearMonth.parse("2024-01"), YearMonth.parse("2024-01"), LocalDate.parse("2024-03-01"), (d, t, f) -> { });
    }

    private void assertNothingKept() throws IOException {
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".zip") || n.endsWith(".csv") || n.endsWith(".part"));
        }
    }

    @Test
    void aZipBombStopsAtTheUncompressedLimit() throws IOException {
        server.publish(MONTH, "BTCUSDT-1h-2024-01.csv", "0,".repeat(2_000_000)); // 4 MB that zips to a few KB
        assertThatThrownBy(() -> fetch(new FetchLimits(1L << 20, 1L << 20, 16, 1 << 30)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unzips to more than 1 MiB").hasMessageContaining("FetchLimits.uncompressedBytes")
                .hasMessageContaining("nothing was kept");
        assertNothingKept();
    }

    @Test
    void aDownloadBiggerThanTheLimitIsStoppedAndNotKept() throws IOException {
        server.month("BTCUSDT", "1h", 3_600_000L, YearMonth.parse("2024-01"));
        assertThatThrownBy(() -> fetch(new FetchLimits(2_000, 1L << 30, 16, 4096)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("2000 bytes").hasMessageContaining("FetchLimits.downloadBytes");
        assertNothingKept();
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedNamingTheLine() {
        String good = DumpServer.klines(1_704_067_200_000L, 1_704_067_200_000L + 3 * 3_600_000L, 3_600_000L);
        server.publish(MONTH, "BTCUSDT-1h-2024-01.csv", good + "9".repeat(10_000) + "\n");
        assertThatThrownBy(() -> fetch(new FetchLimits(1L << 20, 1L << 20, 16, 500)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("line 4: longer than 500 characters").hasMessageContaining("FetchLimits.lineChars");
    }

    @Test
    void theDefaultsHoldAnOrdinaryMonth() {
        server.month("BTCUSDT", "1h", 3_600_000L, YearMonth.parse("2024-01"));
        fetch(FetchLimits.DEFAULT);
        assertThat(out.resolve("btcusdt_1h.csv")).exists();
    }
}
