package dev.lstmtuner.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "coordinate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Coordinate a stored campaign without training.",
                "Samples trials into the queue, reclaims lost workers' trials and ends the campaign on its budget.",
                "Only one coordinator runs per campaign; started",
                "while another runs, this one stands by and takes over when that one's lease expires (it died).",
                "Same as `search --resume CAMPAIGN --slots 0`; `lstm-tuner worker` processes do the training."},
        footer = {"", "Example:",
                "  bin/lstm-tuner coordinate quick --store jdbc:postgresql://db.example:5432/lstm?user=tuner"})
public final class CoordinateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOptions storeOptions;

    @Parameters(paramLabel = "CAMPAIGN", description = "The campaign to coordinate (create it with `search --experiment FILE --slots 0`).")
    String campaign;

    @Option(names = "--queue", paramLabel = "N", description = "WAITING trials to keep ready (default: 8); never fewer than trials RUNNING.")
    Integer queue;

    @Option(names = "--stale-after-s", defaultValue = "30", description = "A RUNNING trial without a heartbeat for this long is reclaimed (default: ${DEFAULT-VALUE}).")
    long staleAfter;

    @Option(names = "--lease-s", defaultValue = "15", hidden = true)
    long leaseSeconds;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of("search", "--resume", campaign, "--slots", "0",
                "--stale-after-s", String.valueOf(staleAfter), "--lease-s", String.valueOf(leaseSeconds)));
        args.addAll(storeOptions.childArgs(storeOptions.describe()));
        if (queue != null) args.addAll(List.of("--queue", String.valueOf(queue)));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return Main.run(out, err, args.toArray(String[]::new));
    }
}
