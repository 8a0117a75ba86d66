package dev.lstmtuner.web;

import dev.lstmtuner.store.InMemoryStore;

import java.nio.file.Files;

/** Serves the test fixtures (notes allowed) on 127.0.0.1 (port from the first argument, default 7071) to look at the pages by hand. */
public final class DemoServer {
    public static void main(String[] args) throws Exception {
        InMemoryStore store = new InMemoryStore();
        var dir = Files.createTempDirectory("lstm-tuner-demo");
        WebFixture.seed(store, dir);
        HonestyFixture.seed(store, dir);
        LeaderboardServer.create(store, LeaderboardServer.DEFAULT_TTL_MS, true)
                .start("127.0.0.1", args.length > 0 ? Integer.parseInt(args[0]) : 7071);
    }
}
