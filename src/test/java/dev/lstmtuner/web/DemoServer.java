package dev.lstmtuner.web;

import dev.lstmtuner.store.InMemoryStore;

import java.nio.file.Files;

/** Serves the test fixture on 127.0.0.1 (port from the first argument, default 7071) to look at the pages by hand. */
public final class DemoServer {
    public static void main(String[] args) throws Exception {
        InMemoryStore store = new InMemoryStore();
        WebFixture.seed(store, Files.createTempDirectory("lstm-tuner-demo"));
        LeaderboardServer.create(store).start("127.0.0.1", args.length > 0 ? Integer.parseInt(args[0]) : 7071);
    }
}
