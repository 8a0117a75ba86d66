package dev.lstmtuner.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A file a trial produced (kind: model, scaler, predictions, ...) with its SHA-256 and size, so it can be verified. */
public record Artifact(String kind, String path, String sha256, long sizeBytes) {

    /** Hashes the file now; call after the file is fully written. */
    public static Artifact of(String kind, Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), newDigest())) {
            byte[] buf = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buf)) > 0; ) size += n;
            byte[] digest = ((DigestInputStream) in).getMessageDigest().digest();
            return new Artifact(kind, file.toString(), HexFormat.of().formatHex(digest), size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash artifact " + file, e);
        }
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
