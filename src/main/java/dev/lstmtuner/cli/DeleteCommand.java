package dev.lstmtuner.cli;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a campaign and all its trials from the store (asks for --yes; cannot be undone).")
public final class DeleteCommand implements Callable<Integer> {
    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--campaign", required = true, paramLabel = "<name>", description = "Campaign to delete.")
    String campaign;

    @Option(names = "--yes", description = "Confirm: really delete.")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Store store = storeOptions.open()) {
            if (store.campaign(campaign).isEmpty()) {
                throw new BadInputException("no campaign named '" + campaign + "': run `lstm-tuner campaigns` to list them");
            }
            if (!yes) {
                long n = store.countByState(campaign).values().stream().mapToLong(Long::longValue).sum();
                throw new BadInputException("delete would remove campaign '" + campaign + "' and its " + n
                        + " trials for good: add --yes to confirm");
            }
            int n = store.deleteCampaign(campaign);
            spec.commandLine().getOut().println("deleted campaign '" + campaign + "' and its " + n + " trials");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
