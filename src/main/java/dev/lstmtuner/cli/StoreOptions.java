package dev.lstmtuner.cli;

import dev.lstmtuner.config.FileModes;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code --store}: which experiment store a command reads or writes (shared by every store command). */
public final class StoreOptions {
    @Option(names = "--store", paramLabel = "<jdbc-url|path>",
            description = "Experiment store: a JDBC URL (jdbc:postgresql://host:5432/db?user=NAME for a shared "
                    + "PostgreSQL server), an H2 file path (without .mv.db), or 'mem'. "
                    + "Default: " + StoreFactory.DEFAULT_URL)
    String store;

    @Option(names = "--store-password-env", paramLabel = "NAME",
            description = "PostgreSQL: read the password from the environment variable NAME (default: PGPASSWORD, "
                    + "then ~/.pgpass). Never put a password in the URL: `ps` shows command lines to everyone.")
    String passwordEnv;

    private boolean sharedGroup;

    @Option(names = "--shared-group", description = "Create stores, password files and artifacts readable and writable"
            + " by the owner's group too (0660, folders 0770), for a team on one machine. Default: owner only (0600, 0700).")
    void sharedGroup(boolean on) {
        sharedGroup = on;
        FileModes.shareWithGroup(on);
    }

    @Option(names = "--store-outage-s", paramLabel = "SECONDS", defaultValue = "300",
            description = "Ride out a lost connection to the store's server (a restart, a crash, a cut link) for this "
                    + "long, retrying, before giving up (default: ${DEFAULT-VALUE}).")
    long outageSeconds;

    public Store open() {
        Store s = StoreFactory.open(store, passwordEnv);
        s.tolerateOutages(outage(), System.err::println);
        return s;
    }

    public Duration outage() {
        if (outageSeconds < 0) throw new BadInputException("--store-outage-s must be 0 or more seconds");
        return Duration.ofSeconds(outageSeconds);
    }

    public String describe() {
        return store == null ? StoreFactory.DEFAULT_URL : store;
    }

    /** The same options for a child process (the variable's name, never its value). */
    public List<String> childArgs(String url) {
        List<String> args = new ArrayList<>(List.of("--store", url));
        if (passwordEnv != null) args.addAll(List.of("--store-password-env", passwordEnv));
        if (sharedGroup) args.add("--shared-group");
        args.addAll(List.of("--store-outage-s", String.valueOf(outageSeconds)));
        return args;
    }
}
