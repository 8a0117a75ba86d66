package dev.lstmtuner.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Train one configuration and print its metrics.")
public final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("train is being built");
    }
}
