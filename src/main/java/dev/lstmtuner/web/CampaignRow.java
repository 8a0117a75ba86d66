package dev.lstmtuner.web;

import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.SymbolLabel;
import dev.lstmtuner.analysis.TrialConfig;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.CampaignSummary;
import dev.lstmtuner.store.Trial;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign as the campaigns page shows it; {@code best*} is THE best trial ({@link BestTrial}: the confirmed winner
 * once there is one, {@code bestConfirmed} then true) and {@code symbol} its label ({@link SymbolLabel}). {@code endedAt} is the recorded end, else the last trial's finish time
 * once nothing is waiting or running; {@code running} says whether trials are RUNNING now (pages poll only then).
 * {@code status} is running, finished, stopped (trials wait but none runs) or empty, and {@code statusText} says it in
 * words, with how to resume a stopped campaign.
 */
public record CampaignRow(long id, String name, String data, String symbol, String sampler, String pruner,
                          Integer budget, String objective, String direction, Map<String, Long> counts, long total,
                          Long bestId, Integer bestNumber, Double bestObjective, boolean bestConfirmed,
                          String startedAt, String endedAt,
                          boolean running, String endReason, String status, String statusText) {
    static CampaignRow of(CampaignSummary s, String endedAt, Optional<BestTrial> best) {
        Campaign c = s.campaign();
        JsonNode cfg = TrialConfig.parse(c.configJson());
        Trial b = best.map(BestTrial::trial).orElse(null);
        Map<String, Long> counts = new LinkedHashMap<>();
        s.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(Locale.ROOT), v));
        long running = s.counts().getOrDefault(TrialState.RUNNING, 0L);
        long waiting = s.counts().getOrDefault(TrialState.WAITING, 0L);
        String status;
        String words;
        if (running > 0) {
            status = "running";
            words = "running: " + running + " trial" + (running == 1 ? "" : "s") + " in progress"
                    + (waiting > 0 ? ", " + waiting + " waiting" : "");
        } else if (waiting > 0) {
            status = "stopped";
            words = "stopped with " + waiting + " trial" + (waiting == 1 ? "" : "s") + " waiting and none running"
                    + (c.endReason() != null ? " (" + c.endReason() + ")" : "")
                    + ": resume with bin/lstm-tuner search --resume " + TrialDetails.shellQuote(c.name());
        } else if (s.total() == 0) {
            status = "empty";
            words = "no trials yet";
        } else {
            status = "finished";
            words = "finished (" + (c.endReason() != null ? c.endReason() : "every queued trial is done") + ")";
        }
        return new CampaignRow(c.id(), c.name(), text(cfg, "data"), SymbolLabel.of(cfg), c.sampler(), c.pruner(),
                c.budget(), c.objective().key(), c.direction().label(), counts, s.total(),
                b == null ? null : b.id(), b == null ? null : b.number(), b == null ? null : TrialRow.finite(b.objective()),
                best.map(BestTrial::confirmed).orElse(false), TrialRow.time(c.createdAt()),
                c.endedAt() != null || running + waiting == 0 ? endedAt : null, running > 0, c.endReason(), status, words);
    }

    private static String text(JsonNode cfg, String key) {
        JsonNode n = cfg.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
