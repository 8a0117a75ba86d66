package dev.lstmtuner.store;

import dev.lstmtuner.Versions;

import java.net.InetAddress;

/**
 * Everything needed to reproduce or audit a trial: the full resolved config JSON, the seed, the data fingerprint,
 * the tool's version and git commit, the Java and DL4J versions, the ND4J backend, OS, architecture, thread count
 * and host. The caller fills it (the training code knows the backend); the store only persists it.
 */
public record Provenance(String configJson, long seed, DataFingerprint data, String lstmTunerVersion,
                         String gitCommit, String javaVersion, String dl4jVersion, String nd4jBackend, String os,
                         String arch, int threads, String host) {

    /** Provenance of this process: versions, commit, OS and host filled in; the rest from the caller. */
    public static Provenance current(String configJson, long seed, DataFingerprint data, String nd4jBackend,
                                     int threads) {
        return new Provenance(configJson, seed, data, Versions.lstmTuner(), Versions.gitCommit(),
                System.getProperty("java.version"), Versions.dl4j(), nd4jBackend,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), threads, hostName());
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
