package dev.lstmtuner.cli;

import dev.lstmtuner.data.DumpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FetchCommandTest {
    private static final long HOUR = 3_600_000L;
    private static final String FEB = "data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2024-02.zip";
    @TempDir
    Path dir;
    private DumpServer server;
    private Path out;

    @BeforeEach
    void start() throws IOException {
        server = new DumpServer();
        out = dir.resolve("data");
        for (int m = 1; m <= 3; m++) {
            server.month("BTCUSDT", "1h", HOUR, YearMonth.of(2024, m));
            server.month("ETHUSDT", "1h", HOUR, YearMonth.of(2024, m));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TrainCommandTest.Result fetch(String baseUrl, String... symbols) {
        List<String> args = new ArrayList<>(List.of("fetch"));
        args.addAll(List.of(symbols));
        args.addAll(List.of("--interval", "1h", "--from", "2024-01", "--to", "2024-03", "--out", out.toString(),
                "--base-url", baseUrl, "--timeout-s", "5", "--insecure")); // the test server is loopback http
        return TrainCommandTest.run(args.toArray(String[]::new));
    }

    /** No CSV and no temporary file anywhere under the output folder. */
    private void assertNothingHalfWritten() throws IOException {
        if (!Files.exists(out)) return;
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".csv") || n.endsWith(".part") || n.contains("2024-02"));
        }
    }

    @Test
    void fetchWritesOneValidatedCsvPerSymbolAndShowsProgress() throws IOException {
        TrainCommandTest.Result r = fetch(server.baseUrl(), "BTCUSDT", "ethusdt");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("[########################] 6/6 ETHUSDT-1h-2024-03.zip verified")
                .contains("BTCUSDT: " + out.resolve("btcusdt_1h.csv")).contains("2184 1h bars").contains("gaps: none");
        for (String csv : List.of("btcusdt_1h.csv", "ethusdt_1h.csv")) {
            List<String> lines = Files.readAllLines(out.resolve(csv));
            assertThat(lines).hasSize(1 + (31 + 29 + 31) * 24);
            assertThat(lines.get(1)).startsWith("2024-01-01T00:00:00Z,");
        }
        TrainCommandTest.Result again = fetch(server.baseUrl(), "BTCUSDT");
        assertThat(again.out()).contains("1/3 BTCUSDT-1h-2024-01.zip verified (cached)").contains("0 downloaded now");
    }

    @Test
    void aBadChecksumExitsWithCodeTwoAndWritesNothing() throws IOException {
        server.corrupt(FEB);
        TrainCommandTest.Result r = fetch(server.baseUrl(), "BTCUSDT");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("BTCUSDT-1h-2024-02.zip").contains("checksum mismatch").contains("run fetch again");
        assertNothingHalfWritten();
    }

    @Test
    void aMissingMonthExitsWithCodeTwoNamingTheMonth() throws IOException {
        server.remove(FEB);
        server.remove(FEB + ".CHECKSUM");
        TrainCommandTest.Result r = fetch(server.baseUrl(), "BTCUSDT");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("not on the server (HTTP 404)").contains("BTCUSDT for 2024-02")
                .contains("narrow --from/--to");
        assertNothingHalfWritten();
    }

    @Test
    void aTruncatedZipIsRefusedEvenWhenItsChecksumMatches() throws IOException {
        server.truncate(FEB);
        TrainCommandTest.Result r = fetch(server.baseUrl(), "BTCUSDT");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("BTCUSDT-1h-2024-02.zip").contains("not a readable zip");
        assertNothingHalfWritten();
    }

    @Test
    void aZipThatIs404BesideItsChecksumExitsWithCodeTwo() throws IOException {
        server.respond(FEB, 404);
        TrainCommandTest.Result r = fetch(server.baseUrl(), "BTCUSDT");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("HTTP 404 although its .CHECKSUM exists").contains("--base-url");
        assertNothingHalfWritten();
    }

    @Test
    void aServerErrorSaysToTryAgainLater() throws IOException {
        server.respond(FEB + ".CHECKSUM", 503);
        TrainCommandTest.Result r = fetch(server.baseUrl(), "BTCUSDT");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("HTTP 503").contains("try again later");
        assertNothingHalfWritten();
    }

    @Test
    void noNetworkSaysSoInOneLineAndWritesNothing() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TrainCommandTest.Result r = fetch("http://127.0.0.1:" + port, "BTCUSDT");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("error: cannot download from http://127.0.0.1:")
                .contains("no network?").contains("--base-url");
        assertNothingHalfWritten();
    }

    @Test
    void badMonthsAndSymbolsAreRefusedBeforeAnyDownload() {
        TrainCommandTest.Result r = TrainCommandTest.run("fetch", "BTCUSDT", "--from", "2024-13", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--from 2024-13").contains("YYYY-MM");
        r = TrainCommandTest.run("fetch", "BTC/USDT", "--from", "2024-01", "--to", "2024-02", "--insecure", "--base-url", server.baseUrl(),
                "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("\"BTC/USDT\"");
        r = TrainCommandTest.run("fetch", "BTCUSDT", "--from", "2024-01", "--interval", "7m", "--insecure", "--base-url", server.baseUrl(),
                "--out", out.toString());
        assertThat(r.err()).contains("--interval 7m").contains("1h");
        assertThat(server.zipRequests.get()).isZero();
    }

    @Test
    void aPlainHttpMirrorIsRefusedWithoutInsecure() {
        TrainCommandTest.Result r = TrainCommandTest.run("fetch", "BTCUSDT", "--from", "2024-01", "--to", "2024-01",
                "--out", out.toString(), "--base-url", server.baseUrl());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is plain HTTP").contains("use https://").contains("--insecure");
        assertThat(server.zipRequests.get()).isZero();
    }
}
