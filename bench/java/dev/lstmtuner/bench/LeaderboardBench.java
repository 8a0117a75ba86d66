package dev.lstmtuner.bench;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.ForecastMetrics;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.SortColumn;
import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.web.LeaderboardServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * p50/p95 latency of the leaderboard and compare endpoints over an H2 or PostgreSQL store with many trials, while
 * a writer thread keeps adding trials (as a running search does), with the API's read cache off (every request
 * reaches the database): for every sort key in both orders, first pages (no cursor) and deep pages reached by
 * keyset cursor (the second half of the listing). Deep cursors are collected first (untimed) by walking each
 * listing's second half with next_cursor 1000 rows at a time, then pages of 50 after them are timed; a few deep
 * pages by offset are timed too, for comparison. Usage: {@code bench/run LeaderboardBench [trials] [epochs]
 * [requests per key and order] [h2|pg] [writer trials/s] [thread|process]} (default 100000 trials x 50 epochs, 10,
 * h2, 0: the writer as fast as it can, far more than a running search writes, and thread: the writer in the server's
 * JVM; {@code process} runs it in a JVM of its own, {@link LeaderboardWriter}, as a search's processes are). The
 * campaign is seeded in set-based SQL ({@link QueueSeed}, the five params of the tutorial space, no predictions): about a minute at 100k. Epochs per
 * trial only size the epoch table: a leaderboard page reads no curve of a finished trial. PostgreSQL is the server in LSTM_TUNER_TEST_PG_URL, else a throwaway local cluster (fsync off).
 * Prints figures; never fails on a time.
 */
public final class LeaderboardBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WALK_PAGE = 1000;
    private static final int OFFSET_SAMPLES = 3;

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean pg = args.length > 3 && args[3].equals("pg");
        double writeRate = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        boolean writerProcess = args.length > 5 && args[5].equals("process");
        if (writerProcess && writeRate > 0) {
            throw new IllegalArgumentException("a writer in its own JVM (process) writes as fast as it can: give the "
                    + "writer rate 0 with process, or drop process to pace the writer thread");
        }
        Path dir = Files.createTempDirectory("leaderboard-bench");
        String url = pg ? PgTestCluster.get().freshDatabase("leaderboard")
                : StoreFactory.jdbcUrl(dir.resolve("bench").toString());
        String campaign = "bench";
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(new CampaignSpec(campaign, "{\"symbol\":\"BTC\"}", "{}", "random", "none", null,
                    "val_rmse", Direction.MINIMIZE, null, null));
        }
        long t0 = System.nanoTime();
        QueueSeed.seed(url, trials, epochs, QueueSeed.Space.LEADERBOARD);
        System.out.printf("%s: seeded %d trials, %d epoch rows in %.1f s; %d cores, load average %s%n",
                pg ? "PostgreSQL" : "H2 file", trials, (long) trials * epochs, (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        try (Store store = StoreFactory.open(url)) {
            Javalin app = LeaderboardServer.create(store, 0).start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + app.port() + "/api/trials?campaign=" + campaign;
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Thread writer = writerProcess ? null : new Thread(() -> {
                Random w = new Random(2);
                long start = System.nanoTime();
                while (!stop.get()) {
                    addTrial(store, campaign, epochs, w);
                    written.incrementAndGet();
                    if (writeRate > 0) pace(start, written.get() / writeRate);
                }
            }, "search-writer");
            Path stopFile = dir.resolve("stop-writer");
            Process writerJvm = null;
            if (writerProcess) {
                writerJvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g", "-cp", System.getProperty("java.class.path"), LeaderboardWriter.class.getName(), url,
                        campaign, String.valueOf(epochs), stopFile.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("writer.log").toFile()).start();
            } else {
                writer.start();
            }
            HttpClient http = HttpClient.newHttpClient();
            Random pick = new Random(3);
            List<String> sorts = new ArrayList<>(SortColumn.keys());
            sorts.addAll(List.of("learning_rate", "batch_size", "layer_impl"));
            List<Long> firstAll = new ArrayList<>(), deepAll = new ArrayList<>(), offsetAll = new ArrayList<>();
            List<Long> compare = new ArrayList<>();
            System.out.println("| sort key | order | first page p50 ms | first page p95 ms | deep page by cursor p50 ms "
                    + "| deep page by cursor p95 ms | deep page by offset p50 ms | load |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            try {
                for (String sort : sorts) {
                    for (String order : List.of("asc", "desc")) {
                        String q = base + "&sort=" + sort + "&order=" + order;
                        List<String> deepCursors = deepCursors(http, q, trials, requests);
                        List<Long> first = new ArrayList<>(), deep = new ArrayList<>(), offset = new ArrayList<>();
                        for (int i = 0; i < requests; i++) {
                            first.add(time(http, q + "&limit=50").nanos());
                            String c = deepCursors.get(i % deepCursors.size());
                            deep.add(time(http, q + "&limit=50&cursor=" + c).nanos());
                        }
                        for (int i = 0; i < OFFSET_SAMPLES; i++) {
                            offset.add(time(http, q + "&limit=50&offset=" + (trials / 2 + pick.nextInt(trials / 2 - 50))).nanos());
                        }
                        firstAll.addAll(first);
                        deepAll.addAll(deep);
                        offsetAll.addAll(offset);
                        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %s |%n", sort,
                                order, pct(first, 0.5), pct(first, 0.95), pct(deep, 0.5), pct(deep, 0.95),
                                pct(offset, 0.5), loadAverage());
                    }
                    // the SQL seeding numbers trial ids from 1,000,001
                    long a = 1 + pick.nextInt(trials), b = 1 + pick.nextInt(trials);
                    if (a == b) b = a % trials + 1;
                    compare.add(time(http, "http://127.0.0.1:" + app.port() + "/api/compare?ids=" + (a + 1_000_000L)
                            + "," + (b + 1_000_000L)).nanos());
                }
            } finally {
                stop.set(true);
                if (writerJvm != null) {
                    Files.writeString(stopFile, "");
                    writerJvm.waitFor();
                    for (String line : Files.readAllLines(dir.resolve("writer.log"))) {
                        if (line.startsWith("written ")) written.set(Integer.parseInt(line.substring(8).trim()));
                    }
                } else {
                    writer.join();
                }
                app.stop();
            }
            report("first pages, every key and order", firstAll);
            report("deep pages by cursor, every key and order", deepAll);
            report("deep pages by offset, every key and order", offsetAll);
            report("compare (2 trials)", compare);
            String how = writeRate > 0 ? "paced at " + writeRate + " a second"
                    : "as fast as the writer could" + (writerProcess ? ", in its own JVM" : "");
            System.out.println("trials written meanwhile: " + written.get() + " (" + how + "); load average "
                    + loadAverage());
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }

    /**
     * Deep cursors (untimed): the listing from its middle by offset, then walked by next_cursor 1000 rows at a time,
     * keeping each page's cursor, at most {@code max} of them.
     */
    private static List<String> deepCursors(HttpClient http, String query, int trials, int max) throws Exception {
        List<String> out = new ArrayList<>();
        String page = query + "&limit=" + WALK_PAGE + "&offset=" + trials / 2;
        while (out.size() < max) {
            JsonNode next = JSON.readTree(time(http, page).body()).get("next_cursor");
            if (next.isNull()) break;
            out.add(next.asText());
            page = query + "&limit=" + WALK_PAGE + "&cursor=" + next.asText();
        }
        if (out.isEmpty()) throw new IllegalStateException(query + ": no deep cursor; the listing has under "
                + (trials / 2 + WALK_PAGE) + " rows");
        return out;
    }

    /** Sleeps until {@code seconds} after {@code start}: the writer's pace when a rate is given. */
    private static void pace(long start, double seconds) {
        long wait = start + (long) (seconds * 1e9) - System.nanoTime();
        if (wait <= 0) return;
        try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double pct(List<Long> nanos, double q) {
        List<Long> s = new ArrayList<>(nanos);
        s.sort(null);
        return s.get(Math.min(s.size() - 1, (int) (s.size() * q))) / 1e6;
    }

    private record Timed(long nanos, String body) {
    }

    private static Timed time(HttpClient http, String url) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - t;
        if (r.statusCode() != 200) throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        return new Timed(nanos, r.body());
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        s.sort(null);
        System.out.printf("%-48s n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms%n", what, s.size(),
                s.get(s.size() / 2) / 1e6, s.get((int) (s.size() * 0.95)) / 1e6, s.get(s.size() - 1) / 1e6);
    }

    static void addTrial(Store store, String campaign, int epochs, Random rnd) {
        Map<String, Object> p = new LinkedHashMap<>();
        double lr = Math.pow(10, -4 + 2 * rnd.nextDouble());
        p.put("learning_rate", lr);
        p.put("batch_size", 16 << rnd.nextInt(5));
        int units = 16 << rnd.nextInt(4);
        p.put("units", List.of(units, units / 2));
        p.put("dropout", 0.5 * rnd.nextDouble());
        p.put("layer_impl", rnd.nextBoolean() ? "fast" : "stock");
        TrialHandle h = store.start(campaign, p, "bench", "cpu");
        for (int e = 1; e <= epochs; e++) h.reportEpoch(new EpochMetrics(e, 1.0 / e, 1.1 / e, 100.0 / e, 10));
        double rmse = 50 + 50 * Math.abs(Math.log10(lr) + 3) + rnd.nextDouble();
        h.complete(new FinalMetrics(new ForecastMetrics(rmse * 0.7, rmse, 0.1, 0.98, 0.52),
                new ForecastMetrics(60, 85, 0.12, 0.97, 0.5), 1 - rmse / 85, rmse, 1000, epochs, epochs, 1.0, 100), rmse);
    }
}
