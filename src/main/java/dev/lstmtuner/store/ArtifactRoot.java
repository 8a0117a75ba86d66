package dev.lstmtuner.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder every artifact lives under ({@code --artifacts}). A path the store recorded is trusted only after it
 * is resolved with {@link Path#toRealPath} (every link followed) and found under the root's own real path: whoever
 * can write the store (a shared PostgreSQL) cannot make {@code serve} read, or a worker delete, any other file.
 */
public final class ArtifactRoot {
    /** No root: any path is accepted (tests and tools that read their own files only). */
    public static final ArtifactRoot UNCONFINED = new ArtifactRoot(null);

    private final Path real;

    private ArtifactRoot(Path real) {
        this.real = real;
    }

    /** A recorded path that resolves outside the root; its message names both paths and never the file's contents. */
    public static final class OutsideRoot extends RuntimeException {
        OutsideRoot(String message) {
            super(message);
        }
    }

    /** The root at {@code dir}; a folder that does not exist yet holds nothing, so every recorded path lies outside it. */
    public static ArtifactRoot of(Path dir) {
        try {
            return new ArtifactRoot(Files.exists(dir) ? dir.toRealPath() : dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot use the artifacts folder " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    /** The root's real path; null when unconfined. */
    public Path path() {
        return real;
    }

    /**
     * The real path of a recorded artifact if it exists and is a regular file; empty if it is gone.
     *
     * @throws OutsideRoot if it resolves (through links or {@code ..}) anywhere but under the root
     */
    public Optional<Path> resolve(String recorded) {
        Path p;
        try {
            p = Path.of(recorded).toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (real != null && !p.startsWith(real)) {
            throw new OutsideRoot("the store records the artifact " + recorded + ", which resolves to " + p
                    + ", outside the artifacts folder " + real + "; it was not read or deleted (if the workers wrote "
                    + "their artifacts elsewhere, pass that folder with --artifacts)");
        }
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
