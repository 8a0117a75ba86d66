package dev.lstmtuner.store;

import dev.lstmtuner.result.EpochMetrics;

import java.util.Map;

/** Child process of {@link H2StoreMultiProcessTest}: writes N trials with epochs into a shared store file. */
public final class StoreWriterMain {
    private StoreWriterMain() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String campaign = args[1];
        int trials = Integer.parseInt(args[2]);
        String worker = args[3];
        try (Store store = StoreFactory.open(url)) {
            H2MultiProcessWriter.write(store, campaign, trials, worker);
        }
        System.out.println("wrote " + trials);
    }

    /** Shared with the parent so both processes do the same work. */
    static final class H2MultiProcessWriter {
        static void write(Store store, String campaign, int trials, String worker) {
            for (int i = 0; i < trials; i++) {
                TrialHandle h = store.start(campaign, Map.of("worker", worker, "i", i), worker, "cpu");
                h.reportEpoch(new EpochMetrics(1, 0.5, 0.5, 10 + i, 1));
                h.reportEpoch(new EpochMetrics(2, 0.4, 0.4, 9 + i, 1));
                h.complete(StoreContractTest.metrics(9 + i, 0.1), 9 + i);
            }
        }
    }
}
