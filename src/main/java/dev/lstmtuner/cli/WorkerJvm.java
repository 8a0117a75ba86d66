package dev.lstmtuner.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** The JVM flags a worker process that {@code search} starts runs with: its memory limits and the serial filter. */
final class WorkerJvm {
    private WorkerJvm() {
    }

    /** Memory limits, then the serial filter, in force before the worker's first class loads. */
    static List<String> flags() {
        List<String> flags = memoryFlags();
        flags.add("-Djdk.serialFilter=" + SerialFilter.PATTERN);
        return flags;
    }

    /** Workers get this process's heap and ND4J memory limits (LSTM_TUNER_JAVA_OPTS), else -Xmx1g and 3 GB native. */
    static List<String> memoryFlags() {
        List<String> flags = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-Xmx") || a.startsWith("-Dorg.bytedeco.javacpp.max")).toList());
        if (flags.stream().noneMatch(a -> a.startsWith("-Xmx"))) flags.add("-Xmx1g");
        if (flags.stream().noneMatch(a -> a.startsWith("-Dorg.bytedeco.javacpp.maxbytes"))) {
            flags.add("-Dorg.bytedeco.javacpp.maxbytes=3G");
        }
        return flags;
    }
}
