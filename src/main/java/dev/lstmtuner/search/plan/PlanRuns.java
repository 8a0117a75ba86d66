package dev.lstmtuner.search.plan;

import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an A/B plan: every arm × seed is queued once, when the campaign first runs, as a WAITING trial whose params
 * are the arm's keys and the seed; the workers train them like any trial and the coordinator ends the campaign when
 * its budget (arms × seeds) has run. Seed-major order: each seed's arms run before the next seed's, so a campaign
 * stopped early still compares arms on the same seeds.
 */
public final class PlanRuns {
    private PlanRuns() {
    }

    /** The params of every run of the plan, in queue order. */
    public static List<Map<String, Object>> params(AbPlan plan, RunConfig base) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (long seed : plan.seedValues(base)) {
            for (AbPlan.Arm arm : plan.arms()) {
                Map<String, Object> p = new LinkedHashMap<>(arm.overrides());
                p.put("seed", seed);
                out.add(p);
            }
        }
        return out;
    }

    /** Queues the plan's runs unless the campaign has trials already (a resume); returns how many it queued. */
    public static int enqueue(Store store, String campaign, AbPlan plan, RunConfig base) {
        if (store.countByState(campaign).values().stream().mapToLong(Long::longValue).sum() > 0) return 0;
        List<Trial> queued = store.enqueueAll(campaign, params(plan, base));
        return queued.size();
    }
}
