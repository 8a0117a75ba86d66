package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.FileModes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An H2 store that is a file on this machine ({@code jdbc:h2:file:<base>}, the data in {@code <base>.mv.db}),
 * checked before H2 touches it: an empty file or a folder that cannot be written is refused in one line; a file
 * that cannot be written is opened read-only (without AUTO_SERVER, which H2 refuses for read-only files); a
 * database of another application is refused untouched. Its password is generated per store and kept beside it in
 * {@code <base>.password} (mode 0600), so a process that reaches the AUTO_SERVER port still cannot log in without
 * reading a file only the store's owner can read. A store made before passwords had sa/empty: the first process
 * that can write beside it sets its password.
 */
final class H2LocalFile {
    static final String USER = "sa";
    private static final int WRONG_USER_OR_PASSWORD = 28000;
    private static final long MIN_FREE_BYTES = 1L << 20;
    /**
     * H2's page cache in KB, four times its default of 16 MB. At 100k trials the trial table and its sort indexes
     * are far larger than 16 MB, so a leaderboard page of 50 trials found most of their pages evicted and decoded
     * each one again (a whole leaf page per row); every lstm-tuner JVM has a heap of 1 GB or more to hold it.
     */
    static final int CACHE_KB = 64 * 1024;

    private final Path base;

    private H2LocalFile(Path base) {
        this.base = base;
    }

    /** The local file a JDBC URL names, if it names one ({@code mem:}, {@code tcp:} and others do not). */
    static Optional<H2LocalFile> of(String url) {
        if (!url.startsWith("jdbc:h2:")) return Optional.empty();
        String rest = url.substring("jdbc:h2:".length());
        int semi = rest.indexOf(';');
        String path = semi < 0 ? rest : rest.substring(0, semi);
        if (path.startsWith("file:")) path = path.substring("file:".length());
        else if (path.matches("^[a-zA-Z][a-zA-Z0-9]+:.*") && !path.matches("^[a-zA-Z]:[\\\\/].*")) return Optional.empty();
        if (path.startsWith("~")) path = System.getProperty("user.home") + path.substring(1);
        if (path.isBlank()) return Optional.empty();
        return Optional.of(new H2LocalFile(Path.of(path).toAbsolutePath().normalize()));
    }

    Path dataFile() {
        return base.resolveSibling(base.getFileName() + ".mv.db");
    }

    Path passwordFile() {
        return base.resolveSibling(base.getFileName() + ".password");
    }

    /** The password to log in with: the store's own, or H2's old default (empty) for a store that has none yet. */
    String password() {
        Path key = passwordFile();
        if (!Files.exists(key)) return "";
        FileModes.warnUnlessPrivate(key, System.err);
        try {
            return Files.readString(key, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new BadInputException("cannot read the store's password file " + key + " (" + reason(e)
                    + "): run lstm-tuner as the user who owns the store, or pass --store with another location");
        }
    }

    /**
     * Checks the file and returns the URL to open it with: read-only when it cannot be written, with
     * {@link #CACHE_KB} unless the URL sets its own cache size.
     */
    String prepare(String url) {
        String checked = check(url);
        return checked.toUpperCase(Locale.ROOT).contains(";CACHE_SIZE=") ? checked : checked + ";CACHE_SIZE=" + CACHE_KB;
    }

    private String check(String url) {
        Path data = dataFile();
        if (Files.exists(data)) {
            long size = size(data);
            if (size == 0) {
                throw new BadInputException("the experiment store " + data + " is an empty file (0 bytes), not a "
                        + "database: delete it to start a new store there, or pass --store with another location; "
                        + "nothing was changed");
            }
            if (readOnly(url) || !Files.isWritable(data) || !Files.isWritable(data.getParent())) {
                return readOnlyUrl(url);
            }
            checkFreeSpace(data.getParent());
            if (!Files.exists(passwordFile())) adoptLegacy(url);
            return url;
        }
        Path dir = existingAncestor(data.getParent());
        if (dir == null || !Files.isWritable(dir)) {
            throw new BadInputException("cannot create the experiment store " + data + ": the folder "
                    + (dir == null ? data.getParent() : dir) + " is not writable; pass --store with a writable location");
        }
        checkFreeSpace(dir);
        try {
            FileModes.createPrivateDirectories(data.getParent()); // the folders it makes: 0700, no one else lists them
        } catch (IOException e) {
            throw new BadInputException("cannot create the folder " + data.getParent() + " for the experiment store ("
                    + reason(e) + "): pass --store with a writable location");
        }
        if (!Files.exists(passwordFile())) writePassword(generate());
        return url;
    }

    /**
     * Makes a store this process just created private: H2 creates its files with the umask's mode (0644 under
     * umask 022), readable by every local user with H2's own tools whatever the password; so they become 0600
     * (0660 under --shared-group) as soon as they exist. A store that existed keeps the mode its owner gave it.
     */
    void restrictNew() {
        FileModes.restrictIfPresent(dataFile());
        FileModes.restrictIfPresent(base.resolveSibling(base.getFileName() + ".trace.db"));
        FileModes.restrictIfPresent(base.resolveSibling(base.getFileName() + ".lock.db"));
    }

    /** H2 fails in odd ways (a lock file it cannot create, a store it cannot grow) on a full disk: say so first. */
    private void checkFreeSpace(Path dir) {
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return; // cannot tell: H2 reports what goes wrong
        }
        if (free < MIN_FREE_BYTES) {
            throw new BadInputException("the experiment store " + dataFile() + " cannot be written: the disk is full ("
                    + free / 1024 + " KiB free in " + dir + "); free space there or pass --store with another location; "
                    + "nothing was changed");
        }
    }

    static boolean readOnly(String url) {
        return url.toUpperCase(Locale.ROOT).contains("ACCESS_MODE_DATA=R");
    }

    /** Read-only, and without AUTO_SERVER: H2 serves only files it can write ("AUTO_SERVER=TRUE && readOnly"). */
    private static String readOnlyUrl(String url) {
        String u = url.replaceAll("(?i);AUTO_SERVER=TRUE", "").replaceAll("(?i);ACCESS_MODE_DATA=[a-z]+", "");
        return u + ";ACCESS_MODE_DATA=r";
    }

    /** A store without a password file: refuse a foreign database, else give ours a password. */
    private void adoptLegacy(String url) {
        String password = generate();
        boolean mine = writePassword(password);
        if (!mine) return; // another process set it meanwhile (or the folder refused the file): use what is there
        try (Connection c = DriverManager.getConnection(url, USER, "")) {
            List<String> foreign = foreignTables(c);
            if (foreign != null) {
                throw new BadInputException("the experiment store " + dataFile() + " is an H2 database but not an "
                        + "lstm-tuner database (it has tables " + String.join(", ", foreign) + " and no lstm-tuner "
                        + "schema history): pass --store with another location; nothing was changed");
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
            }
        } catch (SQLException e) {
            deleteQuietly(passwordFile());
            if (e.getErrorCode() == WRONG_USER_OR_PASSWORD) {
                throw new BadInputException("the experiment store " + dataFile() + " is protected by a password "
                        + "lstm-tuner does not have (its " + passwordFile().getFileName() + " file is missing): it is "
                        + "another application's database, or restore that file; nothing was changed");
            }
            throw new BadInputException("cannot open the experiment store " + dataFile() + ": "
                    + StoreErrors.firstLine(e.getMessage()) + "; nothing was changed", e);
        } catch (RuntimeException e) {
            deleteQuietly(passwordFile());
            throw e;
        }
    }

    /** Tables of another application (null when the database is empty or ours). */
    private static List<String> foreignTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        boolean history = false;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                String t = rs.getString(1);
                if (t.equalsIgnoreCase("flyway_schema_history")) history = true;
                else tables.add(t);
            }
        }
        return history || tables.isEmpty() ? null : tables.subList(0, Math.min(5, tables.size()));
    }

    /** Writes the password file (0600) unless one exists; false when another process (or the folder) won. */
    private boolean writePassword(String password) {
        Path key = passwordFile();
        Path tmp = null;
        try {
            Files.createDirectories(key.getParent());
            tmp = Files.createTempFile(key.getParent(), key.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(FileModes.fileMode()));
            FileModes.restrict(tmp); // the umask narrows a creation mode (0660 would become 0640): set it outright
            Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
            Files.createLink(key, tmp); // atomic and never replaces: two processes agree on one password
            return true;
        } catch (FileAlreadyExistsException | AccessDeniedException e) {
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            throw new BadInputException("cannot write the store's password file " + key + " (" + reason(e)
                    + "): pass --store with a writable location");
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
    }

    private static String generate() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Path existingAncestor(Path dir) {
        Path d = dir;
        while (d != null && !Files.exists(d)) d = d.getParent();
        return d;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do: the file stays, and says so by existing
        }
    }

    private static String reason(Exception e) {
        return e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
    }
}
