package dev.lstmtuner.web;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.CampaignSummary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A campaign as the campaigns page shows it. {@code endedAt} is the recorded end, else the last trial's finish time
 * once nothing is waiting or running; {@code running} says whether trials are RUNNING now (pages poll only then).
 * {@code status} is running, finished, stopped (trials wait but none runs) or empty, and {@code statusText} says it in
 * words, with how to resume a stopped campaign.
 */
public record CampaignRow(long id, String name, String data, String symbol, String sampler, String pruner,
                          Integer budget, String objective, String direction, Map<String, Long> counts, long total,
                          Long bestId, Integer bestNumber, Double bestObjective, String startedAt, String endedAt,
                          boolean running, String endReason, String status, String statusText) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static CampaignRow of(CampaignSummary s, String endedAt) {
        Campaign c = s.campaign();
        JsonNode cfg = config(c.configJson());
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
        return new CampaignRow(c.id(), c.name(), text(cfg, "data"), symbolOf(c), c.sampler(), c.pruner(), c.budget(),
                c.objective().key(), c.direction().label(), counts, s.total(),
                s.best() == null ? null : s.best().id(), s.best() == null ? null : s.best().number(),
                s.best() == null ? null : TrialRow.finite(s.best().objective()), TrialRow.time(c.createdAt()),
                c.endedAt() != null || running + waiting == 0 ? endedAt : null, running > 0, c.endReason(), status, words);
    }

    /** The campaign's symbol label: the config's {@code symbol}, else guessed from the data file name. */
    static String symbolOf(Campaign c) {
        JsonNode cfg = config(c.configJson());
        String symbol = text(cfg, "symbol");
        if (symbol != null && !symbol.isBlank()) return symbol;
        String data = text(cfg, "data");
        if (data == null) return "BTC";
        String file = data.replace('\\', '/');
        file = file.substring(file.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
        for (String known : new String[]{"BTC", "ETH", "BNB", "SOL", "XRP", "ADA", "DOGE"}) {
            if (file.contains(known)) return known;
        }
        return file.replaceAll("\\.[A-Z0-9]+$", "");
    }

    static JsonNode config(String json) {
        if (json == null || json.isBlank()) return MAPPER.createObjectNode();
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            return MAPPER.createObjectNode();
        }
    }

    private static String text(JsonNode cfg, String key) {
        JsonNode n = cfg.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
