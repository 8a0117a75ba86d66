package dev.lstmtuner.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one process rides out an outage of its store's server (a restart, a crash, a cut link): every store call
 * that lost its connection is retried with capped exponential back-off and jitter until the server answers again or
 * the outage budget is spent. The outage is one for all threads of the process: said once when it starts and once
 * when it ends, and its budget counts from its start.
 */
final class StoreOutage {
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(300);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 2000;
    private static final Pattern PG_HOST = Pattern.compile("^jdbc:postgresql://([^:/?]+)(?::(\\d+))?");

    private final String url;
    private final boolean postgres;
    private volatile Duration budget = DEFAULT_BUDGET;
    private volatile Consumer<String> say = System.err::println;
    /** System.nanoTime() when the current outage began; 0 while the store answers. */
    private volatile long since;
    private volatile long endedAt;
    private String lastError;

    StoreOutage(String url, Dialect dialect) {
        this.url = url;
        this.postgres = dialect == Dialect.POSTGRESQL;
    }

    void configure(Duration newBudget, Consumer<String> newSay) {
        budget = newBudget;
        say = newSay;
    }

    Duration budget() {
        return budget;
    }

    /** A call lost its connection: the first one of an outage says so. */
    void failed(SQLException e) {
        String line;
        synchronized (this) {
            lastError = StoreErrors.firstLine(e.getMessage());
            if (since != 0) return;
            since = System.nanoTime() | 1;
            line = String.format(Locale.ROOT, "store %s unreachable since %s (%s), retrying for up to %d s", url,
                    LocalTime.now().truncatedTo(ChronoUnit.SECONDS), lastError, budget.toSeconds());
        }
        say.accept(line);
    }

    /** A call went through: the first one after an outage says how long it lasted. */
    void succeeded() {
        if (since == 0) return;
        String line;
        synchronized (this) {
            if (since == 0) return;
            long now = System.nanoTime();
            line = String.format(Locale.ROOT, "store %s back after %.1f s", url, (now - since) / 1e9);
            since = 0;
            endedAt = now;
        }
        say.accept(line);
    }

    /** The store is down now, as far as this process has seen. */
    boolean ongoing() {
        return since != 0;
    }

    /** Down now, or back for less than {@code window}: what an outage left behind (stale heartbeats) is not news. */
    boolean within(Duration window) {
        long ended = endedAt;
        return ongoing() || ended != 0 && System.nanoTime() - ended < window.toNanos();
    }

    boolean spent() {
        long s = since;
        return s != 0 && System.nanoTime() - s > budget.toNanos();
    }

    /** Sleeps before the next try; false when interrupted (the caller then gives up). */
    boolean backOff(int attempt) {
        long cap = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(attempt - 1, 20));
        long ms = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What to say when the store cannot be reached: past the budget, or at once where the caller would not wait. */
    StoreUnreachableException unreachable(SQLException e, boolean waited) {
        String error;
        synchronized (this) {
            error = lastError != null ? lastError : StoreErrors.firstLine(e.getMessage());
        }
        String what = waited
                ? "the experiment store " + url + " has been unreachable for more than " + budget.toSeconds()
                + " s (--store-outage-s; last error: " + error + ")"
                : "the experiment store " + url + " is unreachable (" + error + ")";
        String check = postgres
                ? "check that the PostgreSQL server is running and that this machine reaches it (pg_isready"
                + hostPort() + ", its log, the network)"
                : "check the process that serves the store and its disk";
        return new StoreUnreachableException(what + "; " + check + "; nothing recorded before is lost", e);
    }

    private String hostPort() {
        Matcher m = PG_HOST.matcher(url);
        if (!m.find()) return "";
        return " -h " + m.group(1) + (m.group(2) == null ? "" : " -p " + m.group(2));
    }
}
