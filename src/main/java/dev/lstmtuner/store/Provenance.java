package dev.lstmtuner.store;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.Versions;
import dev.lstmtuner.result.DeviceRecord;

import java.net.InetAddress;

/**
 * Everything needed to reproduce or audit a trial: the full resolved config JSON, the seed, the data fingerprint,
 * the tool's version and git commit, the Java and DL4J versions, the ND4J backend, OS, architecture, thread count
 * and host, and where and how it computed ({@link DeviceRecord}: null for trials recorded before it existed), and
 * the fingerprint of the test windows it was scored on ({@code tests}: null for trials recorded before schema version
 * 16, and for a pooled model). The caller fills it (the training code knows the backend); the store only persists it.
 */
public record Provenance(String configJson, long seed, DataFingerprint.Fingerprint data, String lstmTunerVersion,
                         String gitCommit, String javaVersion, String dl4jVersion, String nd4jBackend, String os,
                         String arch, int threads, String host, DeviceRecord device,
                         DataFingerprint.TestWindows tests) {

    /** Provenance without a device record (as trials recorded before schema version 7 read). */
    public Provenance(String configJson, long seed, DataFingerprint.Fingerprint data, String lstmTunerVersion,
                      String gitCommit, String javaVersion, String dl4jVersion, String nd4jBackend, String os,
                      String arch, int threads, String host) {
        this(configJson, seed, data, lstmTunerVersion, gitCommit, javaVersion, dl4jVersion, nd4jBackend, os, arch,
                threads, host, null, null);
    }

    /** Provenance without a test-window fingerprint (as trials recorded before schema version 16 read). */
    public Provenance(String configJson, long seed, DataFingerprint.Fingerprint data, String lstmTunerVersion,
                      String gitCommit, String javaVersion, String dl4jVersion, String nd4jBackend, String os,
                      String arch, int threads, String host, DeviceRecord device) {
        this(configJson, seed, data, lstmTunerVersion, gitCommit, javaVersion, dl4jVersion, nd4jBackend, os, arch,
                threads, host, device, null);
    }

    /** Provenance of this process: versions, commit, OS and host filled in; the rest from the caller. */
    public static Provenance current(String configJson, long seed, DataFingerprint.Fingerprint data,
                                     DataFingerprint.TestWindows tests, String nd4jBackend, DeviceRecord device) {
        return new Provenance(configJson, seed, data, Versions.lstmTuner(), Versions.gitCommit(),
                System.getProperty("java.version"), Versions.dl4j(), nd4jBackend,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), device.nd4jThreads(), hostName(), device, tests);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
