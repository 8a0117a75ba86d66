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
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceFetchTest {
    private static final long HOUR = 3_600_000L;
    @TempDir
    Path out;
    private DumpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new DumpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<BinanceFetch.Result> fetch(String from, String to, LocalDate today, List<String> seen) {
        return new BinanceFetch(server.baseUrl(), out, Duration.ofSeconds(5)).fetch(List.of("btcusdt"), "1h",
                YearMonth.parse(from), YearMonth.parse(to), today, (done, total, f) -> seen.add(done + "/" + total
                        + " " + f.file().name() + (f.cached() ? " cached" : "")));
    }

    @Test
    void filesFollowBinancesLayoutWithDailyFilesForTheCurrentMonth() {
        List<BinanceDumps.DumpFile> files = BinanceDumps.files("BTCUSDT", "1h", YearMonth.of(2024, 12),
                YearMonth.of(2025, 2), LocalDate.of(2025, 2, 3));
        assertThat(files).extracting(f -> f.url("https://data.binance.vision/")).containsExactly(
                "https://data.binance.vision/data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-12.zip",
                "https://data.binance.vision/data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2025-01.zip",
                "https://data.binance.vision/data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2025-02-01.zip",
                "https://data.binance.vision/data/spot/daily/klines/BTCUSDT/1h/BTCUSDT-1h-2025-02-02.zip");
        assertThat(files.get(0).checksumUrl("https://x")).endsWith("BTCUSDT-1h-2024-12.zip.CHECKSUM");
        assertThatThrownBy(() -> BinanceDumps.files("BTCUSDT", "1h", YearMonth.of(2025, 1), YearMonth.of(2025, 3),
                LocalDate.of(2025, 2, 3))).isInstanceOf(BadInputException.class).hasMessageContaining("future");
    }

    @Test
    void mergesMillisecondAndMicrosecondDumpsAndDailyFilesIntoOneGaplessCsv() throws IOException {
        server.month("BTCUSDT", "1h", HOUR, YearMonth.of(2024, 12));
        server.month("BTCUSDT", "1h", HOUR, YearMonth.of(2025, 1));
        server.day("BTCUSDT", "1h", HOUR, LocalDate.of(2025, 2, 1));
        // 2025-02-02 is yesterday and not published yet: a note, not a failure
        List<String> seen = new ArrayList<>();
        BinanceFetch.Result r = fetch("2024-12", "2025-02", LocalDate.of(2025, 2, 3), seen).get(0);

        assertThat(r.csv()).isEqualTo(out.resolve("btcusdt_1h.csv"));
        assertThat(r.report().rows()).isEqualTo((31 + 31 + 1) * 24);
        assertThat(r.report().gapCount()).isZero();
        assertThat(r.notes()).singleElement().asString().contains("BTCUSDT-1h-2025-02-02.zip").contains("not published yet");
        assertThat(seen).hasSize(4).first().asString().startsWith("1/4 BTCUSDT-1h-2024-12.zip");
        List<String> lines = Files.readAllLines(r.csv());
        assertThat(lines.get(0)).isEqualTo("timestamp,open,high,low,close,volume");
        assertThat(lines).contains(lines.get(31 * 24)).anyMatch(l -> l.startsWith("2025-01-01T00:00:00Z,"));
        assertThat(lines.get(lines.size() - 1)).startsWith("2025-02-01T23:00:00Z,");
        // the written file reads back as the same validated series
        Series s = CsvLoader.load(r.csv());
        assertThat(s.timeMs()[31 * 24]).isEqualTo(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
        assertThat(s.size()).isEqualTo(r.report().rows());
    }

    @Test
    void aSecondRunReusesVerifiedFilesAndFetchesOnlyWhatFailedBefore() {
        for (int m = 1; m <= 3; m++) server.month("BTCUSDT", "1h", HOUR, YearMonth.of(2024, m));
        String march = "data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-03.zip";
        server.corrupt(march);
        assertThatThrownBy(() -> fetch("2024-01", "2024-03", LocalDate.of(2026, 1, 1), new ArrayList<>()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("checksum mismatch");
        assertThat(out.resolve("btcusdt_1h.csv")).doesNotExist();
        assertThat(server.zipRequests.get()).isEqualTo(3);

        server.month("BTCUSDT", "1h", HOUR, YearMonth.of(2024, 3));   // the mirror is whole again
        List<String> seen = new ArrayList<>();
        BinanceFetch.Result r = fetch("2024-01", "2024-03", LocalDate.of(2026, 1, 1), seen).get(0);
        assertThat(server.zipRequests.get()).isEqualTo(4);
        assertThat(r.downloaded()).isEqualTo(1);
        assertThat(seen).containsExactly("1/3 BTCUSDT-1h-2024-01.zip cached", "2/3 BTCUSDT-1h-2024-02.zip cached",
                "3/3 BTCUSDT-1h-2024-03.zip");
        assertThat(r.report().rows()).isEqualTo((31 + 29 + 31) * 24);

        fetch("2024-01", "2024-03", LocalDate.of(2026, 1, 1), new ArrayList<>());
        assertThat(server.zipRequests.get()).as("everything verified: nothing fetched").isEqualTo(4);
    }

    @Test
    void aCachedFileThatNoLongerMatchesItsChecksumIsFetchedAgain() throws IOException {
        String jan = server.month("BTCUSDT", "1h", HOUR, YearMonth.of(2024, 1));
        server.month("BTCUSDT", "1h", HOUR, YearMonth.of(2024, 2));
        fetch("2024-01", "2024-02", LocalDate.of(2026, 1, 1), new ArrayList<>());
        Path cached = out.resolve(".binance").resolve(jan);
        Files.write(cached, new byte[]{1, 2, 3});
        BinanceFetch.Result r = fetch("2024-01", "2024-02", LocalDate.of(2026, 1, 1), new ArrayList<>()).get(0);
        assertThat(r.downloaded()).isEqualTo(1);
        assertThat(r.report().rows()).isEqualTo((31 + 29) * 24);
    }
}
