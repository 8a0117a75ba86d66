package dev.lstmtuner.search;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Trial;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What fault tests judge from the store, not from exit codes: each sampled point followed through its re-queued
 * copies ends exactly once and completes at most once, nothing is left WAITING or RUNNING, and no trial is FAILED
 * for a reason other than its own (a store error or a lost worker only ever re-queues).
 */
final class CampaignLedger {
    private CampaignLedger() {
    }

    static void assertEveryPointEndsOnce(List<Trial> trials, int points) {
        Map<Long, Trial> byId = new HashMap<>();
        trials.forEach(t -> byId.put(t.id(), t));
        Set<Long> requeued = new HashSet<>();
        for (Trial t : trials) if (t.requeuedFrom() != null) requeued.add(t.requeuedFrom());
        Map<Long, Integer> ends = new HashMap<>();
        Map<Long, Integer> completions = new HashMap<>();
        for (Trial t : trials) {
            assertThat(t.state()).as("trial " + t.label()).isNotIn(TrialState.WAITING, TrialState.RUNNING);
            Trial root = t;
            while (root.requeuedFrom() != null) root = byId.get(root.requeuedFrom());
            if (!requeued.contains(t.id())) ends.merge(root.id(), 1, Integer::sum);
            if (t.state() == TrialState.COMPLETE) completions.merge(root.id(), 1, Integer::sum);
            if (t.requeuedFrom() != null) assertThat(t.params()).isEqualTo(byId.get(t.requeuedFrom()).params());
            if (t.state() == TrialState.FAILED) {
                assertThat(requeued).as("trial " + t.label() + " FAILED (" + t.failureReason()
                        + ") was re-queued: no trial fails for a store error or a lost worker").contains(t.id());
            }
        }
        assertThat(ends).as("sampled points").hasSize(points);
        assertThat(ends.values()).as("each point ends exactly once").containsOnly(1);
        assertThat(completions.values()).as("no point completes twice").containsOnly(1);
    }
}
