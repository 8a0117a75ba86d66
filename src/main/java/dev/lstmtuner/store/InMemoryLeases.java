package dev.lstmtuner.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Coordinator leases of an {@link InMemoryStore}, under its lock, by its clock. */
final class InMemoryLeases {
    private record Held(String holder, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<String, Held> leases = new HashMap<>();

    InMemoryLeases(Clock clock) {
        this.clock = clock;
    }

    boolean hold(String campaign, String holder, Duration ttl) {
        Instant now = clock.instant();
        Held h = leases.get(campaign);
        if (h != null && !h.holder().equals(holder) && !h.expiresAt().isBefore(now)) return false;
        leases.put(campaign, new Held(holder, now.plus(ttl)));
        return true;
    }

    void release(String campaign, String holder) {
        Held h = leases.get(campaign);
        if (h != null && h.holder().equals(holder)) leases.remove(campaign);
    }

    Lease get(String campaign) {
        Held h = leases.get(campaign);
        if (h == null) return new Lease(campaign, null, null, false);
        return new Lease(campaign, h.holder(), h.expiresAt(), !h.expiresAt().isBefore(clock.instant()));
    }

    void forget(String campaign) {
        leases.remove(campaign);
    }
}
