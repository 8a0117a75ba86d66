package dev.lstmtuner.search.device;

import java.util.List;
import java.util.Locale;

/**
 * The most memory one worker process may take: its Java heap (-Xmx) plus JavaCPP's off-heap cap
 * (-Dorg.bytedeco.javacpp.maxbytes), or the physical cap (maxphysicalbytes, heap included) when that is lower.
 */
public record WorkerMemory(long heapBytes, long offHeapBytes, long physicalCapBytes) {

    /** From a worker's JVM flags (the search passes its own LSTM_TUNER_JAVA_OPTS on, see SearchCommand). */
    public static WorkerMemory of(List<String> jvmFlags) {
        long heap = 0, offHeap = 0, physical = 0;
        for (String f : jvmFlags) {
            if (f.startsWith("-Xmx")) heap = bytes(f.substring(4));
            else if (f.startsWith("-Dorg.bytedeco.javacpp.maxbytes=")) offHeap = bytes(f.substring(f.indexOf('=') + 1));
            else if (f.startsWith("-Dorg.bytedeco.javacpp.maxphysicalbytes=")) physical = bytes(f.substring(f.indexOf('=') + 1));
        }
        return new WorkerMemory(heap, offHeap, physical);
    }

    public long perWorker() {
        long sum = heapBytes + offHeapBytes;
        return physicalCapBytes > 0 ? Math.min(sum, physicalCapBytes) : sum;
    }

    /** "1g", "3G", "512m", "4096" (bytes), as the JVM and JavaCPP read them. */
    static long bytes(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            case 't' -> unit = 1L << 40;
            default -> { }
        }
        if (unit > 1) v = v.substring(0, v.length() - 1);
        return Long.parseLong(v) * unit;
    }
}
