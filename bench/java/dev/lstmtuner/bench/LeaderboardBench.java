package dev.lstmtuner.bench;

import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Direction;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.train.EpochMetrics;
import dev.lstmtuner.train.FinalMetrics;
import dev.lstmtuner.train.ForecastMetrics;
import dev.lstmtuner.web.LeaderboardServer;
import io.javalin.Javalin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * p50/p95 latency of the leaderboard and compare endpoints over an H2 store with many trials, while a writer thread
 * keeps adding trials (as a running search does). Usage: {@code bench/run LeaderboardBench [trials] [epochs]}
 * (default 100000 trials × 50 epochs = 5M epoch rows; seeding that many takes long, so try 5000 20 first).
 * Prints figures; never fails on a time.
 */
public final class LeaderboardBench {
    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path dir = Files.createTempDirectory("leaderboard-bench");
        String url = StoreFactory.jdbcUrl(dir.resolve("bench").toString());
        String campaign = "bench";
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(new CampaignSpec(campaign, "{\"symbol\":\"BTC\"}", "{}", "random", "none", null,
                    "val_rmse", Direction.MINIMIZE, null, null));
        }
        long t0 = System.nanoTime();
        StorePagingBench.seed(url, trials, epochs);
        System.out.printf("seeded %d trials, %d epoch rows in %.1f s%n", trials, (long) trials * epochs,
                (System.nanoTime() - t0) / 1e9);
        try (Store store = StoreFactory.open(url)) {
            Javalin app = LeaderboardServer.create(store).start("127.0.0.1", 0);
            String base = "http://127.0.0.1:" + app.port();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                Random w = new Random(2);
                while (!stop.get()) {
                    addTrial(store, campaign, epochs, w);
                    written.incrementAndGet();
                }
            }, "search-writer");
            writer.start();
            HttpClient http = HttpClient.newHttpClient();
            Random pick = new Random(3);
            String[] sorts = {"objective", "test_rmse", "learning_rate", "batch_size", "skill", "number"};
            List<Long> board = new ArrayList<>(), compare = new ArrayList<>();
            try {
                for (int i = 0; i < requests; i++) {
                    String sort = sorts[i % sorts.length];
                    int offset = pick.nextInt(Math.max(1, trials - 50));
                    board.add(time(http, base + "/api/trials?campaign=" + campaign + "&sort=" + sort
                            + (i % 2 == 0 ? "&order=desc" : "") + "&limit=50&offset=" + offset));
                    // the SQL seeding numbers trial ids from 1,000,001
                    long a = 1 + pick.nextInt(trials), b = 1 + pick.nextInt(trials);
                    if (a == b) b = a % trials + 1;
                    a += 1_000_000L;
                    b += 1_000_000L;
                    compare.add(time(http, base + "/api/compare?ids=" + a + "," + b));
                }
            } finally {
                stop.set(true);
                writer.join();
                app.stop();
            }
            report("leaderboard page (50 rows, varied sort/offset)", board);
            report("compare (2 trials)", compare);
            System.out.println("trials written meanwhile: " + written.get());
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }

    private static long time(HttpClient http, String url) throws Exception {
        long t = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        return System.nanoTime() - t;
    }

    private static void report(String what, List<Long> nanos) {
        List<Long> s = new ArrayList<>(nanos);
        s.sort(null);
        System.out.printf("%-48s n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms%n", what, s.size(),
                s.get(s.size() / 2) / 1e6, s.get((int) (s.size() * 0.95)) / 1e6, s.get(s.size() - 1) / 1e6);
    }

    private static void addTrial(Store store, String campaign, int epochs, Random rnd) {
        Map<String, Object> p = new LinkedHashMap<>();
        double lr = Math.pow(10, -4 + 2 * rnd.nextDouble());
        p.put("learning_rate", lr);
        p.put("units", 16 << rnd.nextInt(4));
        TrialHandle h = store.start(campaign, p, "bench", "cpu");
        for (int e = 1; e <= epochs; e++) h.reportEpoch(new EpochMetrics(e, 1.0 / e, 1.1 / e, 100.0 / e, 10));
        double rmse = 50 + 50 * Math.abs(Math.log10(lr) + 3) + rnd.nextDouble();
        h.complete(new FinalMetrics(new ForecastMetrics(rmse * 0.7, rmse, 0.1, 0.98, 0.52),
                new ForecastMetrics(60, 85, 0.12, 0.97, 0.5), 1 - rmse / 85, rmse, 1000, epochs, epochs, 1.0, 100), rmse);
    }
}
