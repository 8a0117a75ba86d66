package dev.lstmtuner.config;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The modes lstm-tuner gives what it writes: stores, password files and artifacts are private to their owner
 * (files 0600, folders 0700), or shared with the owner's group under {@code --shared-group} (0660 / 0770), never
 * readable by every user of the machine as umask 022 would make them. On a file system without POSIX modes
 * (Windows) nothing is changed.
 */
public final class FileModes {
    private static volatile boolean group;

    private FileModes() {
    }

    /** {@code --shared-group}: let the owner's group read and write too (a team on one machine). */
    public static void shareWithGroup(boolean on) {
        group = on;
    }

    public static boolean sharedWithGroup() {
        return group;
    }

    /** The mode of a file lstm-tuner writes: 0600, or 0660 under {@code --shared-group}. */
    public static Set<PosixFilePermission> fileMode() {
        return PosixFilePermissions.fromString(group ? "rw-rw----" : "rw-------");
    }

    /** The mode of a folder lstm-tuner creates: 0700, or 0770 under {@code --shared-group}. */
    public static Set<PosixFilePermission> dirMode() {
        return PosixFilePermissions.fromString(group ? "rwxrwx---" : "rwx------");
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} and its missing parents, each new one 0700 (0770); folders that exist keep their mode. */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        List<Path> missing = new ArrayList<>();
        for (Path d = abs; d != null && !Files.exists(d); d = d.getParent()) missing.add(0, d);
        Files.createDirectories(abs);
        if (posix()) {
            for (Path d : missing) Files.setPosixFilePermissions(d, dirMode());
        }
        return dir;
    }

    /** Makes a file lstm-tuner wrote private: 0600 (0660). */
    public static void restrict(Path file) throws IOException {
        if (posix()) Files.setPosixFilePermissions(file, fileMode());
    }

    /** As {@link #restrict} for files another program (H2) created: a file that is gone or not ours is left alone. */
    public static void restrictIfPresent(Path file) {
        try {
            if (Files.exists(file)) restrict(file);
        } catch (IOException | UnsupportedOperationException e) {
            // not ours to change (another user's store): its owner chose its mode
        }
    }

    /**
     * Warns on {@code warnings} unless a secret file (a password, a token) is 0600, or 0660 under
     * {@code --shared-group}: anyone else who can read it can log in.
     */
    public static void warnUnlessPrivate(Path file, PrintStream warnings) {
        if (!posix()) return;
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!mode.equals(PosixFilePermissions.fromString("rw-------")) && !(group && mode.equals(fileMode()))) {
                warnings.println("warning: " + file + " is mode " + PosixFilePermissions.toString(mode)
                        + ", so other users may read the secret in it: run chmod 600 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // cannot tell; reading it reports any real problem
        }
    }
}
