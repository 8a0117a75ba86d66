package dev.lstmtuner.search;

import dev.lstmtuner.store.Lease;
import dev.lstmtuner.store.Store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * This process's claim to coordinate one campaign: a lease row renewed on its own schedule, expiring by the database
 * clock when the process dies (kill -9, a lost machine). While another process holds a live lease this one waits
 * as a standby and takes over once it expires; the workers keep training from the queue meanwhile.
 */
public final class CoordinatorLease {
    /** Long enough to survive a slow step or a GC pause, short enough that a standby takes over soon. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);

    private final Store store;
    private final String campaign;
    private final String holder;
    private final Duration ttl;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile ScheduledExecutorService renewer;

    public CoordinatorLease(Store store, String campaign, Duration ttl) {
        this.store = store;
        this.campaign = campaign;
        this.ttl = ttl;
        this.holder = host() + "-pid" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Renews the lease every third of its time to live on a thread of its own (and so its own pooled connection),
     * never behind a step whose statement waits for a lock or for the store to come back; {@link #lost} turns true
     * once another coordinator holds it.
     */
    public void renewInBackground() {
        renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-renewal-" + campaign);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, ttl.toMillis() / 3);
        renewer.scheduleWithFixedDelay(() -> {
            try {
                if (!hold()) lost.set(true);
            } catch (RuntimeException unreachableOrLocked) {
                // tried again next period; the step meets the same store and says what is wrong
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** True once a renewal found another coordinator holding the lease. */
    public boolean lost() {
        return lost.get();
    }

    public String holder() {
        return holder;
    }

    /** Takes or renews the lease: false when another coordinator holds a live one. */
    public boolean hold() {
        return store.holdLease(campaign, holder, ttl);
    }

    /**
     * Waits until this process holds the lease, telling {@code waiting} once who holds it now; false when
     * {@code stop} says to give up first.
     */
    public boolean await(Consumer<Lease> waiting, BooleanSupplier stop) {
        boolean told = false;
        while (!stop.getAsBoolean()) {
            if (hold()) return true;
            if (!told) {
                waiting.accept(store.lease(campaign));
                told = true;
            }
            try {
                Thread.sleep(Math.max(200, ttl.toMillis() / 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Hands the campaign to a standby at once (a clean stop); a crash lets the lease expire instead. */
    public void release() {
        if (renewer != null) renewer.shutdownNow();
        store.releaseLease(campaign, holder);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "host";
        }
    }
}
