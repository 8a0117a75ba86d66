package dev.lstmtuner.web;

import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.result.TrialState;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The campaign verdicts a leaderboard page shows beside its rows. Computing them reads every COMPLETE trial's report
 * (4.6-15 s at 5,000 trials on a loaded 2-core machine), and with a search running the COMPLETE count changes
 * between any two requests, so a page that computed them on its request would wait for that every time. A campaign
 * of more than {@code syncLimit} COMPLETE trials therefore gets the last verdicts computed, while a background
 * thread computes the current ones (one at a time per campaign); before the first are ready its rows show none.
 * Smaller campaigns compute them on the request, exact as before. The verdicts endpoint and trial details still
 * compute them on the request ({@link LeaderboardService#verdicts}).
 * <p>
 * A computation at 100k trials takes minutes of a core, and under a running search every request finds the count
 * changed, so back to back they would hold a core for good and slow every page on a small machine. After one that
 * took T, the next starts no sooner than {@code restFactor} x T after it ended (the thread busy at most 1 / (1 +
 * restFactor) of the time); one more trial among tens of thousands barely moves the verdicts meanwhile.
 */
final class PageVerdicts {
    static final int SYNC_LIMIT = 1000;
    static final double REST_FACTOR = 3;
    private final LeaderboardService service;
    private final int syncLimit;
    private final double restFactor;
    private final Map<String, CampaignVerdicts> last = new ConcurrentHashMap<>();
    /** When (System.nanoTime) each campaign's next background computation may start. */
    private final Map<String, Long> restUntil = new ConcurrentHashMap<>();
    private final Set<String> computing = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "page-verdicts");
        t.setDaemon(true);
        return t;
    });

    PageVerdicts(LeaderboardService service, int syncLimit) {
        this(service, syncLimit, REST_FACTOR);
    }

    PageVerdicts(LeaderboardService service, int syncLimit, double restFactor) {
        this.service = service;
        this.syncLimit = syncLimit;
        this.restFactor = restFactor;
    }

    /** The verdicts to show now; null while a large campaign's first ones are being computed. */
    CampaignVerdicts get(String campaign) {
        CampaignVerdicts known = last.get(campaign);
        // found large and being computed: no count of the campaign on every request meanwhile
        if (known == null && computing.contains(campaign)) return null;
        boolean small = known != null ? known.trials().size() <= syncLimit
                : service.store().countByState(campaign).getOrDefault(TrialState.COMPLETE, 0L) <= syncLimit;
        if (small) {
            CampaignVerdicts v = service.verdicts(campaign);
            last.put(campaign, v);
            return v;
        }
        Long rest = restUntil.get(campaign);
        if (rest != null && System.nanoTime() - rest < 0) return known;
        if (computing.add(campaign)) {
            background.execute(() -> {
                long start = System.nanoTime();
                try {
                    last.put(campaign, service.verdicts(campaign));
                } catch (RuntimeException storeDown) {
                    // the page keeps the last verdicts; the next request tries again
                } finally {
                    long end = System.nanoTime();
                    restUntil.put(campaign, end + (long) (restFactor * (end - start)));
                    computing.remove(campaign);
                }
            });
        }
        return known;
    }
}
