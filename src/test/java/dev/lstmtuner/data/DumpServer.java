package dev.lstmtuner.data;

import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A local stand-in for data.binance.vision: serves kline dump zips in Binance's layout and format (12 columns, no
 * header, open time in ms, in µs from 2025), each with its {@code .CHECKSUM}, and can break any file on purpose.
 */
public final class DumpServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> status = new ConcurrentHashMap<>();
    public final AtomicInteger zipRequests = new AtomicInteger();

    public DumpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath().substring(1);
            if (path.endsWith(".zip")) zipRequests.incrementAndGet();
            byte[] body = files.get(path);
            int code = status.getOrDefault(path, body == null ? 404 : 200);
            if (code != 200) body = ("<Error><Code>NoSuchKey</Code></Error>").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes the monthly file of {@code m} with one bar per {@code intervalMs}; returns its path. */
    public String month(String symbol, String interval, long intervalMs, YearMonth m) {
        long start = m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = m.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        String name = symbol + "-" + interval + "-" + m;
        return publish("data/spot/monthly/klines/" + symbol + "/" + interval + "/" + name + ".zip", name + ".csv",
                klines(start, end, intervalMs));
    }

    public String day(String symbol, String interval, long intervalMs, LocalDate d) {
        long start = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        String name = symbol + "-" + interval + "-" + d;
        return publish("data/spot/daily/klines/" + symbol + "/" + interval + "/" + name + ".zip", name + ".csv",
                klines(start, start + 86_400_000L, intervalMs));
    }

    /** Deterministic candles; open times in µs from 2025-01-01 on, as Binance spot writes them. */
    static String klines(long startMs, long endMs, long intervalMs) {
        StringBuilder sb = new StringBuilder();
        for (long t = startMs; t < endMs; t += intervalMs) {
            double open = 40_000 + (t / intervalMs % 97) * 3.25;
            double close = open + ((t / intervalMs) % 5 - 2) * 1.5;
            boolean micros = t >= Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
            long openTime = micros ? t * 1000 : t;
            long closeTime = micros ? (t + intervalMs) * 1000 - 1 : t + intervalMs - 1;
            sb.append(String.format(Locale.ROOT, "%d,%.8f,%.8f,%.8f,%.8f,%.8f,%d,%.8f,%d,%.8f,%.8f,0%n", openTime, open,
                    Math.max(open, close) + 2, Math.min(open, close) - 2, close, 12.5, closeTime, 500000.0, 321,
                    6.0, 240000.0));
        }
        return sb.toString();
    }

    public String publish(String path, String entry, String csv) {
        byte[] zip = zip(entry, csv);
        files.put(path, zip);
        files.put(path + ".CHECKSUM", checksum(zip, path));
        return path;
    }

    /** Replaces the file's content, keeping its checksum as it was (a damaged download). */
    public void corrupt(String path) {
        byte[] z = files.get(path).clone();
        z[z.length / 2] ^= 0x5a;
        files.put(path, z);
    }

    /** Cuts the zip short and publishes a checksum of the cut file (the server's copy itself is damaged). */
    public void truncate(String path) {
        byte[] z = files.get(path);
        byte[] cut = Arrays.copyOf(z, z.length * 2 / 3);
        files.put(path, cut);
        files.put(path + ".CHECKSUM", checksum(cut, path));
    }

    public void remove(String path) {
        files.remove(path);
    }

    public void respond(String path, int code) {
        status.put(path, code);
    }

    static byte[] zip(String entry, String csv) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(csv.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] checksum(byte[] zip, String path) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
            return (hex + "  " + path.substring(path.lastIndexOf('/') + 1) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
