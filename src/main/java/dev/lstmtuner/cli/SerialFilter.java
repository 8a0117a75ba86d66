package dev.lstmtuner.cli;

import java.io.ObjectInputFilter;

/**
 * The JVM-wide Java deserialization filter. lstm-tuner reads no Java object streams from files or peers: models are
 * JSON and raw arrays, stores are SQL, baselines are JSON or protobuf. The one use is in memory: Arbiter's
 * candidate generators clone each sampled point (a map of boxed numbers, strings and lists) by serialization. So
 * every class is rejected except those value types and the JDK's plain maps and lists (no gadget chain runs on
 * them alone: the chains need a library class, and every library class is rejected), and a file or a peer that
 * smuggles an object stream into some
 * library's {@code readObject()} gets {@code InvalidClassException} instead of running a gadget chain. The same
 * pattern goes on the command line ({@code -Djdk.serialFilter}) of {@code bin/lstm-tuner} and of every worker, so
 * it is in force before any class of ours runs.
 */
public final class SerialFilter {
    /** Allow-list, in {@code jdk.serialFilter} syntax: limits first, then the accepted classes, then {@code !*}. */
    public static final String PATTERN = "maxdepth=16;maxrefs=10000;maxarray=1000000;maxbytes=16000000;"
            + "java.lang.String;java.lang.Number;java.lang.Integer;java.lang.Long;java.lang.Double;java.lang.Float;"
            + "java.lang.Boolean;java.util.HashMap;java.util.LinkedHashMap;java.util.ArrayList;"
            + "java.util.Collections$UnmodifiableMap;java.util.Collections$UnmodifiableList;"
            + "java.util.Collections$UnmodifiableRandomAccessList;java.util.CollSer;java.util.ImmutableCollections$*;"
            // the element types of the arrays HashMap and ArrayList read back (an array is judged by its element)
            + "java.util.Map$Entry;java.lang.Object;!*";

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
