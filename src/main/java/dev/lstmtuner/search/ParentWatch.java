package dev.lstmtuner.search;

import java.time.Instant;
import java.util.Optional;

/**
 * Ends a local worker when the coordinator that started it is gone (killed with -9, say), so that no orphan keeps
 * claiming trials or joins a later resume beyond its --slots. The parent is known by pid and start time, so a
 * reused pid does not keep an orphan alive. (A store-side coordinator lease, where the store has one, covers
 * workers on other machines the same way: they stop when the lease is not renewed.)
 */
public final class ParentWatch {
    private ParentWatch() {
    }

    /** Polls every second on a daemon thread; runs {@code onGone} once, when the parent has exited. */
    public static void start(long parentPid, Runnable onGone) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        Optional<Instant> started = parent.flatMap(p -> p.info().startInstant());
        Thread t = new Thread(() -> {
            while (alive(parentPid, started)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            onGone.run();
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    static boolean alive(long pid, Optional<Instant> startedAt) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) return false;
        return startedAt.isEmpty() || p.get().info().startInstant().equals(startedAt);
    }
}
