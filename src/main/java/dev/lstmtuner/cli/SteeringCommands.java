package dev.lstmtuner.cli;

import dev.lstmtuner.search.Steering;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The commands that steer a running campaign from another terminal (docs/steering.md). */
final class SteeringCommands {
    private SteeringCommands() {
    }

    /** pause and continue: one store write each way. */
    abstract static class PauseOrContinue implements Callable<Integer> {
        @Mixin
        StoreOptions storeOptions;

        @Parameters(paramLabel = "CAMPAIGN", description = "The campaign.")
        String campaign;

        @Spec
        CommandSpec spec;

        abstract boolean pauses();

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                say(spec, Steering.pause(store, campaign, pauses()));
            }
            return 0;
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Pause a running campaign: its workers claim no new trials, running ones finish.",
                    "Go on with `lstm-tuner continue CAMPAIGN`."})
    public static final class Pause extends PauseOrContinue {
        @Override
        boolean pauses() {
            return true;
        }
    }

    @Command(name = "continue", mixinStandardHelpOptions = true,
            description = "Let a paused campaign go on: its workers claim trials again.")
    public static final class Continue extends PauseOrContinue {
        @Override
        boolean pauses() {
            return false;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Cancel one waiting or running trial: recorded as CANCELLED, never as a failure.",
                    "Its worker stops it at its next epoch, batch or heartbeat and goes on with the next trial."})
    public static final class Cancel implements Callable<Integer> {
        @Mixin
        StoreOptions storeOptions;

        @Parameters(paramLabel = "CAMPAIGN/TRIAL", description = "The trial, as `lstm-tuner trials` names it (or its id).")
        String trial;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                Trial t = Steering.cancel(store, TrialRef.resolve(store, trial), "the command line");
                say(spec, "trial " + t.label() + " cancelled" + (t.worker() == null ? ""
                        : "; worker " + t.worker() + " stops it at its next epoch or heartbeat"));
            }
            return 0;
        }
    }

    private static void say(CommandSpec spec, String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}
