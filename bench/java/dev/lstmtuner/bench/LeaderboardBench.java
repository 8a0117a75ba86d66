package dev.lstmtuner.bench;

import java.util.Comparator;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Direction;
import dev.lstmtuner.store.Metric;
import dev.lstmtuner.store.PgTestCluster;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.train.EpochMetrics;
import dev.lstmtuner.train.FinalMetrics;
import dev.lstmtuner.train.ForecastMetrics;
import dev.lstmtuner.web.LeaderboardServer;
import io.javalin.Javalin;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * p50/p95 latency of the leaderboard and compare endpoints over an H2 or PostgreSQL store with many trials, while
 * a writer thread keeps adding trials (as a running search does): every sort key in both orders, on the first pages
 * and on deep ones (offsets past half the campaign). Usage: {@code bench/run LeaderboardBench [trials] [epochs]
 * [requests per key and order] [h2|pg]} (default 100000 trials x 50 epochs = 5M epoch rows, 10, h2; seeding that
 * many takes long, so try 5000 20 first). PostgreSQL is the server in LSTM_TUNER_TEST_PG_URL, else a throwaway
 * local cluster (fsync off). Prints figures; never fails on a time.
 */
public final class LeaderboardBench {
    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean pg = args.length > 3 && args[3].equals("pg");
        Path dir = Files.createTempDirectory("leaderboard-bench");
        String url = pg ? PgTestCluster.get().freshDatabase("leaderboard")
                : StoreFactory.jdbcUrl(dir.resolve("bench").toString());
        String campaign = "bench";
        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(new CampaignSpec(campaign, "{\"symbol\":\"BTC\"}", "{}", "random", "none", null,
                    "val_rmse", Direction.MINIMIZE, null, null));
        }
        long t0 = System.nanoTime();
        StorePagingBench.seed(url, trials, epochs);
        System.out.printf("%s: seeded %d trials, %d epoch rows in %.1f s; %d cores, load average %.1f%n",
                pg ? "PostgreSQL" : "H2 file", trials, (long) trials * epochs, (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
            List<String> sorts = new ArrayList<>(Metric.keys());
            sorts.addAll(List.of("learning_rate", "batch_size"));
            List<Long> all = new ArrayList<>(), compare = new ArrayList<>();
            System.out.println("| sort key | order | first pages p50 ms | first pages p95 ms | deep pages p50 ms | deep pages p95 ms |");
            System.out.println("|---|---|---|---|---|---|");
            try {
                for (String sort : sorts) {
                    for (String order : List.of("asc", "desc")) {
                        List<Long> shallow = new ArrayList<>(), deep = new ArrayList<>();
                        for (int i = 0; i < requests; i++) {
                            String q = base + "/api/trials?campaign=" + campaign + "&sort=" + sort + "&order=" + order
                                    + "&limit=50&offset=";
                            shallow.add(time(http, q + (50 * pick.nextInt(4))));
                            deep.add(time(http, q + (trials / 2 + pick.nextInt(Math.max(1, trials / 2 - 50)))));
                        }
                        all.addAll(shallow);
                        all.addAll(deep);
                        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f |%n", sort, order,
                                pct(shallow, 0.5), pct(shallow, 0.95), pct(deep, 0.5), pct(deep, 0.95));
                    }
                    // the SQL seeding numbers trial ids from 1,000,001
                    long a = 1 + pick.nextInt(trials), b = 1 + pick.nextInt(trials);
                    if (a == b) b = a % trials + 1;
                    compare.add(time(http, base + "/api/compare?ids=" + (a + 1_000_000L) + "," + (b + 1_000_000L)));
                }
            } finally {
                stop.set(true);
                writer.join();
                app.stop();
            }
            report("every leaderboard page above", all);
            report("compare (2 trials)", compare);
            System.out.println("trials written meanwhile: " + written.get());
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }

    private static double pct(List<Long> nanos, double q) {
        List<Long> s = new ArrayList<>(nanos);
        s.sort(null);
        return s.get(Math.min(s.size() - 1, (int) (s.size() * q))) / 1e6;
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
