package dev.lstmtuner.cli;

import java.io.ObjectInputFilter;

/**
 * The JVM-wide Java deserialization filter. lstm-tuner itself deserializes no Java objects: models are JSON and
 * raw arrays, stores are SQL, baselines are JSON or protobuf. So every class is rejected except the few value types
 * below (boxed numbers, strings and arrays of them), and a file or a peer that smuggles an object stream into some
 * library's {@code readObject()} gets {@code InvalidClassException} instead of running a gadget chain. The same
 * pattern goes on the command line ({@code -Djdk.serialFilter}) of {@code bin/lstm-tuner} and of every worker, so
 * it is in force before any class of ours runs.
 */
public final class SerialFilter {
    /** Allow-list, in {@code jdk.serialFilter} syntax: limits first, then the accepted classes, then {@code !*}. */
    public static final String PATTERN = "maxdepth=16;maxrefs=10000;maxarray=1000000;maxbytes=16000000;"
            + "java.lang.String;java.lang.Number;java.lang.Integer;java.lang.Long;java.lang.Double;java.lang.Float;"
            + "java.lang.Boolean;!*";

    private SerialFilter() {
    }

    /** The filter {@link #PATTERN} describes. */
    public static ObjectInputFilter filter() {
        return ObjectInputFilter.Config.createFilter(PATTERN);
    }

    /** Installs {@link #filter()} JVM-wide unless a filter is already set (by {@code -Djdk.serialFilter} or an earlier call). */
    public static void install() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) ObjectInputFilter.Config.setSerialFilter(filter());
    }
}
