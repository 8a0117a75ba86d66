package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.web.LeaderboardServer;
import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code lstm-tuner serve}: the read-only leaderboard web app over a store, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the leaderboard web app (read-only) at http://127.0.0.1:7070/.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "URL", description = "Store: a jdbc: URL, an H2 file path, or mem. Default: results/lstm-tuner.")
    String store;

    @Option(names = "--store-password-env", paramLabel = "NAME", description = "PostgreSQL: the environment variable holding the password (default: PGPASSWORD, then ~/.pgpass).")
    String passwordEnv;

    @Option(names = "--port", defaultValue = "7070", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--bind", defaultValue = LeaderboardServer.LOOPBACK, paramLabel = "HOST",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only). Anything else exposes every campaign to the network.")
    String bind;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) throw new BadInputException("--port " + port + " is not a TCP port: use 1..65535 (or 0 for any free port)");
        Store s = StoreFactory.open(store, passwordEnv);
        Javalin app = LeaderboardServer.serve(s, bind, port, System.err);
        System.out.println("leaderboard: http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + app.port() + "/  (Ctrl-C to stop)");
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            s.close();
            stopped.countDown();
        }, "serve-shutdown"));
        stopped.await();
        return 0;
    }
}
