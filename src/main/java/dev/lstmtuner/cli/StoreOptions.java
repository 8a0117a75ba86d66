package dev.lstmtuner.cli;

import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import picocli.CommandLine.Option;

/** {@code --store}: which experiment store a command reads or writes (shared by every store command). */
public final class StoreOptions {
    @Option(names = "--store", paramLabel = "<jdbc-url|path>",
            description = "Experiment store: a JDBC URL, an H2 file path (without .mv.db), or 'mem'. "
                    + "Default: " + StoreFactory.DEFAULT_URL)
    String store;

    public Store open() {
        return StoreFactory.open(store);
    }

    public String describe() {
        return store == null ? StoreFactory.DEFAULT_URL : store;
    }
}
