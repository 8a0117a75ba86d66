package dev.lstmtuner.bench;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialPosition;
import dev.lstmtuner.store.TrialQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Leaderboard paging at scale: seeds one campaign with 100k trials x 50 epochs into an H2 file under target/
 * (set-based SQL straight into the store's schema, {@link QueueSeed}; going through the Store API trial by trial
 * would take far longer than the queries it measures), then times sorted pages through the Store API.
 * Usage: {@code bench/run StorePagingBench [trials] [epochs]}. Prints figures; never fails on a time.
 */
public final class StorePagingBench {
    private static final int REPEATS = 24;
    private static final int WARMUP = 10;

    private StorePagingBench() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Path.of("target", "bench-store");
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.toList()) Files.delete(p);
        }
        String url = StoreFactory.jdbcUrl(dir.resolve("paging").toString()) + System.getProperty("bench.urlSuffix", "");

        try (Store store = StoreFactory.open(url)) {
            store.createCampaign(new CampaignSpec("bench", "{}", "{}", "random", "median", trials, Objective.DEFAULT,
                    Direction.MINIMIZE, null, null));
        }
        long t0 = System.nanoTime();
        QueueSeed.seed(url, trials, epochs, QueueSeed.Space.LEADERBOARD);
        double seedS = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "seeded %,d trials x %d epochs (%,d epoch rows, %,d param rows) in %.1f s%n",
                trials, epochs, (long) trials * epochs, trials * 5L, seedS);
        System.out.printf(Locale.ROOT, "database file: %.0f MB%n",
                Files.size(dir.resolve("paging.mv.db")) / 1e6);

        try (Store store = StoreFactory.open(url)) {
            TrialQuery q = TrialQuery.of("bench").page(20, 0);
            int deep = trials / 2;
            // each repeat asks for a slightly different page (offset i): H2 would otherwise hand back its cached
            // result for an identical query on unchanged tables, and the figure would measure the cache
            List<Long> ids = store.trials(q.page(500, 0)).items().stream().map(Trial::id).toList();
            time("page by objective (all states)", i -> store.trials(q.page(20, i)));
            time("page by test_rmse, state=COMPLETE", i -> store.trials(q.sortBy("test_rmse")
                    .state(TrialState.COMPLETE).page(20, i)));
            time("page by skill (desc, natural)", i -> store.trials(q.sortBy("skill").page(20, i)));
            time("page by param learning_rate", i -> store.trials(q.sortBy("learning_rate").page(20, i)));
            time("page by param batch_size desc, state=COMPLETE", i -> store.trials(q.sortBy("batch_size")
                    .descending(true).state(TrialState.COMPLETE).page(20, i)));
            time("page by param layer_impl (text)", i -> store.trials(q.sortBy("layer_impl").page(20, i)));
            time("deep page by objective (offset " + deep + ")", i -> store.trials(q.page(20, deep + i)));
            time("deep page by param learning_rate (offset " + deep + ")", i -> store.trials(q.sortBy("learning_rate")
                    .page(20, deep + i)));
            // keyset: the position after row `deep + i`, read once (untimed), then the page after it
            List<TrialPosition> objectiveAt = positions(store, q, deep), lrAt = positions(store, q.sortBy("learning_rate"), deep);
            time("deep page by objective after a position (row " + deep + ")", i -> store.trials(q.after(objectiveAt.get(i), 20)));
            time("deep page by param learning_rate after a position", i -> store.trials(q.sortBy("learning_rate")
                    .after(lrAt.get(i), 20)));
            time("page by training_seconds", i -> store.trials(q.sortBy("training_seconds")
                    .page(20, i)));
            time("page by objective, reversed (DESC index)", i -> store.trials(q.descending(true)
                    .page(20, i)));
            time("epoch curves of one page (20 trials x " + epochs + ")", i -> store.epochs(ids.subList(i * 20,
                    i * 20 + 20)));
            time("counts by state (H2 reuses its result: data unchanged)", i -> store.countByState("bench"));
            time("best trial", i -> store.best("bench"));
            Page<Trial> p = store.trials(q);
            System.out.printf(Locale.ROOT, "check: total=%,d, best objective=%.4f (#%d)%n", p.total(),
                    p.items().get(0).objective(), p.items().get(0).number());
        }
    }

    /** The positions after rows {@code from} .. {@code from + REPEATS - 1} of the listing. */
    private static List<TrialPosition> positions(Store store, TrialQuery q, int from) {
        List<TrialPosition> out = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) out.add(store.trials(q.page(1, from + i)).next());
        return out;
    }

    private static void time(String label, IntFunction<?> query) {
        for (int i = 0; i < WARMUP; i++) query.apply(REPEATS - 1 - i);
        double[] ms = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            query.apply(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-58s median %7.2f ms   p95 %7.2f ms%n", label, ms[REPEATS / 2],
                ms[(int) Math.ceil(REPEATS * 0.95) - 1]);
    }
}
