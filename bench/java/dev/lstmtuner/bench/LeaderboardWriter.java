package dev.lstmtuner.bench;

import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * {@link LeaderboardBench}'s writer in a JVM of its own, as a search's processes are: its garbage and its JDBC work
 * are not the server's (on an H2 file the database engine still runs in the server's JVM, which opened the file
 * first and serves it to this one). Usage: {@code LeaderboardWriter URL CAMPAIGN EPOCHS STOP_FILE}: adds trials as
 * fast as it can until STOP_FILE exists, then prints {@code written N}.
 */
public final class LeaderboardWriter {
    private LeaderboardWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path stop = Path.of(args[3]);
        int epochs = Integer.parseInt(args[2]);
        int written = 0;
        try (Store store = StoreFactory.open(args[0])) {
            Random w = new Random(2);
            while (!Files.exists(stop)) {
                LeaderboardBench.addTrial(store, args[1], epochs, w);
                written++;
            }
        }
        System.out.println("written " + written);
    }
}
