package dev.lstmtuner.data;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.data.BinanceDumps.DumpFile;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Downloads dump files into a local cache that mirrors the server's layout, keeping a file only once its SHA-256
 * matches the server's {@code .CHECKSUM} and it opens as a zip. A cached file whose checksum still matches is not
 * fetched again, which makes an interrupted fetch resumable. Downloads go to a temporary file moved into place,
 * so the cache never holds a partial file.
 */
public final class DumpDownloader {
    private static final Pattern CHECKSUM = Pattern.compile("^\\s*([0-9a-fA-F]{64})\\b");

    private final HttpClient http;
    private final String baseUrl;
    private final Path cache;
    private final Duration timeout;
    private final FetchLimits limits;

    /** What {@link #get} found: the verified zip, the bytes downloaded now (0 when cached), or that it is absent. */
    public record Fetched(DumpFile file, Path zip, long downloadedBytes, boolean cached) {
        public boolean missing() {
            return zip == null;
        }
    }

    public DumpDownloader(String baseUrl, Path cache, Duration timeout) {
        this(baseUrl, cache, timeout, FetchLimits.DEFAULT);
    }

    public DumpDownloader(String baseUrl, Path cache, Duration timeout, FetchLimits limits) {
        this.baseUrl = BinanceDumps.stripSlash(baseUrl);
        this.cache = cache;
        this.timeout = timeout;
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The verified zip for {@code f}; {@link Fetched#missing()} when the server has neither it nor its checksum
     * (404), which only the caller can judge. Any other problem is a {@link BadInputException} saying what to try.
     */
    public Fetched get(DumpFile f) {
        Path zip = cache.resolve(f.path());
        Path sum = zip.resolveSibling(f.name() + ".CHECKSUM");
        if (Files.isRegularFile(zip) && Files.isRegularFile(sum)) {
            Matcher cached = CHECKSUM.matcher(read(sum));
            if (cached.find() && cached.group(1).equalsIgnoreCase(sha256(zip))) return new Fetched(f, zip, 0, true);
        }
        // a .CHECKSUM is one line: 4 KiB is plenty, and a server that sends more is not a dump mirror
        HttpResponse<String> checksum = send(f.checksumUrl(baseUrl), capped(HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
                4096, f.checksumUrl(baseUrl)));
        if (checksum.statusCode() == 404) return new Fetched(f, null, 0, false);
        requireOk(checksum.statusCode(), f.checksumUrl(baseUrl));
        String expected = parseChecksum(checksum.body(), f.checksumUrl(baseUrl));
        try {
            Files.createDirectories(zip.getParent());
            Path part = Files.createTempFile(zip.getParent(), f.name() + ".", ".part");
            try {
                HttpResponse<Path> body = send(f.url(baseUrl), capped(HttpResponse.BodyHandlers.ofFile(part),
                        limits.downloadBytes(), f.url(baseUrl)));
                if (body.statusCode() == 404) {
                    throw new BadInputException(f.url(baseUrl) + ": HTTP 404 although its .CHECKSUM exists: the mirror"
                            + " is incomplete; run fetch again later or pass another --base-url");
                }
                requireOk(body.statusCode(), f.url(baseUrl));
                String actual = sha256(part);
                if (!actual.equalsIgnoreCase(expected)) {
                    throw new BadInputException(f.url(baseUrl) + ": checksum mismatch (SHA-256 " + actual
                            + ", .CHECKSUM says " + expected.toLowerCase(Locale.ROOT) + "): the download is damaged;"
                            + " run fetch again (verified files are kept) or pass another --base-url");
                }
                checkZip(part, f.url(baseUrl), limits);
                Path sumPart = Files.createTempFile(zip.getParent(), f.name() + ".CHECKSUM.", ".part");
                Files.writeString(sumPart, checksum.body());
                Files.move(sumPart, sum, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(part, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new Fetched(f, zip, Files.size(zip), false);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write the download cache " + zip.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** Too big to be what it claims: thrown from inside the body handler, reported as exit 2 naming the limit. */
    private static final class TooBig extends IOException {
        TooBig(String message) {
            super(message);
        }
    }

    /**
     * {@code handler}, stopped with {@link TooBig} once the server announces (Content-Length) or sends more than
     * {@code max} bytes: nothing bigger is kept on disk or in memory.
     */
    private static <T> HttpResponse.BodyHandler<T> capped(HttpResponse.BodyHandler<T> handler, long max, String url) {
        String what = url + ": the server sends more than " + max + " bytes, the limit for one file"
                + " (FetchLimits.downloadBytes); a kline dump is far smaller, so this is not one: check --base-url";
        return info -> {
            long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > max) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            HttpResponse.BodySubscriber<T> inner = handler.apply(info);
            return new HttpResponse.BodySubscriber<>() {
                private long seen;
                private Flow.Subscription subscription;

                @Override
                public CompletionStage<T> getBody() {
                    return inner.getBody();
                }

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    inner.onSubscribe(s);
                }

                @Override
                public void onNext(List<ByteBuffer> items) {
                    for (ByteBuffer b : items) seen += b.remaining();
                    if (seen > max) {
                        subscription.cancel();
                        inner.onError(new TooBig(what));
                        return;
                    }
                    inner.onNext(items);
                }

                @Override
                public void onError(Throwable t) {
                    inner.onError(t);
                }

                @Override
                public void onComplete() {
                    inner.onComplete();
                }
            };
        };
    }

    private <T> HttpResponse<T> send(String url, HttpResponse.BodyHandler<T> handler) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        try {
            HttpResponse<T> r = http.send(req, handler);
            if (r.statusCode() == 200 && r.body() == null) {
                throw new BadInputException(url + ": the server announces " + r.headers().firstValue("Content-Length").orElse("?")
                        + " bytes, more than " + limits.downloadBytes() + " bytes, the limit for one file"
                        + " (FetchLimits.downloadBytes); a kline dump is far smaller, so this is not one: check --base-url; nothing was kept");
            }
            return r;
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TooBig big) {
                    throw new BadInputException(big.getMessage() + "; nothing was kept", e);
                }
            }
            throw new BadInputException("cannot download from " + baseUrl + " (" + describe(e) + "): no network?"
                    + " Check the connection or pass --base-url for a mirror; no partial file was written"
                    + " and files already verified are kept", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("fetch interrupted while downloading " + url + "; run it again to resume", e);
        }
    }

    private static void requireOk(int status, String url) {
        if (status != 200) {
            throw new BadInputException(url + ": HTTP " + status + (status >= 500 ? ": the server is having trouble, try"
                    + " again later or pass another --base-url" : ": the server refused the file; check --base-url"));
        }
    }

    /** What went wrong in words: the host, the connection or a timeout, else the deepest cause's message. */
    private String describe(IOException e) {
        String why = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) return "host not found";
            if (t instanceof HttpTimeoutException) return "no answer within " + timeout.toSeconds() + " s";
            if (t.getMessage() != null && !t.getMessage().isBlank()) why = t.getMessage();
        }
        if (e instanceof ConnectException) return "connection refused or unreachable";
        return why != null ? why : e.getClass().getSimpleName();
    }

    /** The file opens as a zip and every entry reads to its end (a truncated zip fails one of the two). */
    private static void checkZip(Path zip, String url, FetchLimits limits) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            if (z.size() == 0) throw new ZipException("no entries");
            if (z.size() > limits.zipEntries()) {
                throw new BadInputException(url + ": holds " + z.size() + " entries, more than the limit of "
                        + limits.zipEntries() + " (FetchLimits.zipEntries); a kline dump holds one: check --base-url; nothing was kept");
            }
            Enumeration<? extends ZipEntry> entries = z.entries();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            while (entries.hasMoreElements()) {
                try (InputStream in = z.getInputStream(entries.nextElement())) {
                    int r;
                    while ((r = in.read(buf)) > 0) {
                        // reading to the end checks the compressed data and its CRC; counting stops a zip bomb
                        total += r;
                        if (total > limits.uncompressedBytes()) throw tooMuch(url, limits);
                    }
                }
            }
        } catch (IOException e) {
            throw new BadInputException(url + ": not a readable zip (" + e.getMessage() + "), although its checksum"
                    + " matches: the server's copy is damaged; pass another --base-url or narrow --from/--to");
        }
    }

    static BadInputException tooMuch(String source, FetchLimits limits) {
        return new BadInputException(source + ": unzips to more than " + (limits.uncompressedBytes() >> 20) + " MiB, the limit"
                + " (FetchLimits.uncompressedBytes): a zip bomb, or far more data than one fetch should hold; narrow"
                + " --from/--to or take a coarser --interval; nothing was kept");
    }

    static String parseChecksum(String text, String source) {
        Matcher m = CHECKSUM.matcher(text);
        if (!m.find()) {
            throw new BadInputException(source + ": expected \"<64 hex digits>  <file name>\", got \""
                    + InputErrors.clip(text.strip()) + "\"; check --base-url");
        }
        return m.group(1);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    static String sha256(Path p) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(p), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) > 0) {
                // the digest sees every byte
            }
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + p + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
