package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.FileModes;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.web.LeaderboardServer;
import dev.lstmtuner.web.WebAccess;
import io.javalin.Javalin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code lstm-tuner serve}: the leaderboard web app over a store (read-only unless --allow-notes), until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the leaderboard web app at http://127.0.0.1:7070/ (read-only unless --allow-notes).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "URL", description = "Store: a jdbc: URL, an H2 file path, or mem. Default: results/lstm-tuner.")
    String store;

    @Option(names = "--store-password-env", paramLabel = "NAME", description = "PostgreSQL: the environment variable holding the password (default: PGPASSWORD, then ~/.pgpass).")
    String passwordEnv;

    @Option(names = "--port", defaultValue = "7070", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--bind", defaultValue = LeaderboardServer.LOOPBACK, paramLabel = "HOST",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only). Anything else exposes every campaign to the network, so it needs --token-file (or --no-auth).")
    String bind;

    @Option(names = "--allow-notes", description = "Let the pages add and remove notes and tags on campaigns and trials"
            + " (the only writes the web app can make; same-origin pages with a per-browser token only). Default: off.")
    boolean allowNotes;

    @Option(names = "--allowed-host", paramLabel = "NAME", description = "Also answer to this host name (or NAME:PORT,"
            + " for a proxy in front); repeatable. Loopback names and the --bind address are always allowed; any other"
            + " Host gets 421, which keeps DNS-rebinding pages out.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "FILE", description = "Require the token in FILE (mode 0600) on every"
            + " request: a browser signs in once at /login, a script sends 'Authorization: Bearer TOKEN'. Required with a"
            + " --bind address other than loopback (or --no-auth).")
    Path tokenFile;

    @Option(names = "--no-auth", description = "Serve a non-loopback --bind address without a token: anyone who can reach it reads every campaign.")
    boolean noAuth;

    @Option(names = "--artifacts", defaultValue = "results/artifacts", paramLabel = "DIR",
            description = "The folder the workers wrote artifacts to (default ${DEFAULT-VALUE}); a file the store records elsewhere is never served.")
    Path artifacts;

    /** At least this many characters of token: a guessable one protects nothing. */
    static final int MIN_TOKEN_CHARS = 16;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) throw new BadInputException("--port " + port + " is not a TCP port: use 1..65535 (or 0 for any free port)");
        byte[] token = token();
        if (!WebAccess.isLoopback(bind) && token == null && !noAuth) {
            throw new BadInputException("--bind " + bind + " exposes every campaign to the network: pass --token-file FILE "
                    + "(e.g. `openssl rand -base64 24 > leaderboard.token && chmod 600 leaderboard.token`), "
                    + "or --no-auth to serve it to anyone who can reach this machine, or --bind 127.0.0.1");
        }
        WebAccess access = new WebAccess(bind, allowedHosts, token, ArtifactRoot.of(artifacts));
        Store s = StoreFactory.open(store, passwordEnv);
        Javalin app = LeaderboardServer.serve(s, bind, port, System.err, allowNotes, access);
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

    private byte[] token() throws IOException {
        if (tokenFile == null) return null;
        if (noAuth) throw new BadInputException("--token-file and --no-auth contradict each other: pass one");
        if (!Files.isRegularFile(tokenFile)) {
            throw new BadInputException("--token-file " + tokenFile + ": no such file; create one with `openssl rand -base64 24 > "
                    + tokenFile + " && chmod 600 " + tokenFile + "`");
        }
        FileModes.warnUnlessPrivate(tokenFile, System.err);
        String t = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        if (t.length() < MIN_TOKEN_CHARS || t.contains("\n")) {
            throw new BadInputException("--token-file " + tokenFile + ": the token must be one line of at least "
                    + MIN_TOKEN_CHARS + " characters; create one with `openssl rand -base64 24 > " + tokenFile + "`");
        }
        return t.getBytes(StandardCharsets.UTF_8);
    }
}
