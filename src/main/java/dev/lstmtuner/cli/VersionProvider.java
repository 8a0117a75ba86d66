package dev.lstmtuner.cli;

import picocli.CommandLine;

/** {@code --version}: the tool's version and the libraries that decide its numerics. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"lstm-tuner " + dev.lstmtuner.Versions.lstmTuner() + " (commit " + dev.lstmtuner.Versions.gitCommit() + ")",
                "Java " + System.getProperty("java.version") + ", DL4J/ND4J " + dev.lstmtuner.Versions.dl4j()};
    }
}
