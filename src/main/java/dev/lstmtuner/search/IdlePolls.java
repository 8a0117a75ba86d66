package dev.lstmtuner.search;

import java.time.Duration;

/**
 * How long a worker waits before asking the queue again after it found nothing: briefly at first (the coordinator
 * usually tops the queue up within a step), then twice as long each time up to a cap, and briefly again once a
 * claim succeeds. A fixed short wait made 32 starving workers ask about 1,600 times a second, and those empty
 * claims took the CPU the coordinator needed to refill the queue; a fixed long one leaves a worker idle long after
 * work arrived.
 */
public final class IdlePolls {
    /** A worker's waits: from 20 ms (work usually comes within a coordinator step) up to 300 ms. */
    private static final Duration WORKER_FIRST = Duration.ofMillis(20);
    private static final Duration WORKER_CAP = Duration.ofMillis(300);
    private final long firstMs;
    private final long capMs;
    private long nextMs;

    public IdlePolls(Duration first, Duration cap) {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= cap, got " + first + " and " + cap);
        }
        this.firstMs = first.toMillis();
        this.capMs = cap.toMillis();
        this.nextMs = firstMs;
    }

    /** The waits of a worker, real or simulated. */
    public static IdlePolls worker() {
        return new IdlePolls(WORKER_FIRST, WORKER_CAP);
    }

    /** The wait before the next ask after an empty one; each call doubles the next, up to the cap. */
    public long nextWaitMs() {
        long wait = nextMs;
        nextMs = Math.min(capMs, nextMs * 2);
        return wait;
    }

    /** A claim succeeded: the next empty ask waits the first, short time again. */
    public void claimed() {
        nextMs = firstMs;
    }
}
