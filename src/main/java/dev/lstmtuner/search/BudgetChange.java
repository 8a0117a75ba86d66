package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/**
 * A stored campaign's budget changed ({@code search --resume NAME --max-trials 80 / --max-minutes 30}): written
 * into the experiment the campaign keeps, so its coordinator, a running one included ({@link #current}), and every
 * later resume see it. {@code max_minutes} counts from the start of the coordinator that runs the campaign (a resume
 * starts a fresh wall clock).
 */
public final class BudgetChange {
    private final String campaign;
    private String seen;
    private Budget budget;

    /** Follows the stored budget of the plan's campaign, as the coordinator asks every step. */
    BudgetChange(CampaignPlan plan) {
        this.campaign = plan.campaign().name();
        this.seen = plan.campaign().settingsJson();
        this.budget = plan.experiment().budget();
    }

    /** The budget as stored in {@code row} (the campaign as read now): a change is parsed once, when first seen. */
    Budget current(Optional<Campaign> row) {
        String now = row.map(Campaign::settingsJson).orElse(seen);
        if (!Objects.equals(now, seen)) {
            budget = ExperimentLoader.parse(now, "campaign " + campaign, null).budget();
            seen = now;
        }
        return budget;
    }

    /**
     * Writes the new limits (null: left as they are) into the campaign and returns its budget; a trial budget
     * below the trials the campaign has drawn already is refused.
     */
    public static Budget apply(Store store, Campaign c, Integer maxTrials, Double maxMinutes) {
        if (maxTrials != null && maxTrials < 1) throw new BadInputException("--max-trials must be at least 1, got " + maxTrials);
        if (maxMinutes != null && !(maxMinutes > 0)) {
            throw new BadInputException("--max-minutes must be a positive number of minutes, got " + maxMinutes);
        }
        if (maxTrials != null) {
            long drawn = drawn(PastTrials.all(store, c.name()));
            if (maxTrials < drawn) {
                throw new BadInputException("--max-trials " + maxTrials + " is below the " + drawn + " trials campaign "
                        + c.name() + " has drawn already: give at least " + drawn);
            }
        }
        ObjectNode settings;
        try {
            settings = (ObjectNode) ConfigLoader.mapper().readTree(c.settingsJson());
        } catch (JsonProcessingException | ClassCastException | NullPointerException e) {
            throw new BadInputException("campaign " + c.name() + " keeps no experiment to change the budget of"
                    + " (a `train` run?): only search campaigns have a budget");
        }
        ObjectNode b = settings.has("budget") && settings.get("budget").isObject()
                ? (ObjectNode) settings.get("budget") : settings.putObject("budget");
        if (maxTrials != null) b.put("max_trials", maxTrials);
        if (maxMinutes != null) b.put("max_minutes", maxMinutes);
        String json = settings.toPrettyString();
        Budget now = ExperimentLoader.parse(json, "campaign " + c.name() + " with the new budget", null).budget();
        store.changeSettings(c.name(), json, now.maxTrials());
        return now;
    }

    /** "max_trials 80, max_minutes 30.0" (the limits that are set). */
    public static String describe(Budget b) {
        return (b.maxTrials() == null ? "" : "max_trials " + b.maxTrials())
                + (b.maxTrials() != null && b.maxMinutes() != null ? ", " : "")
                + (b.maxMinutes() == null ? "" : "max_minutes " + b.maxMinutes());
    }

    /** Sampled trials: neither re-queued copies nor confirmation runs (what max_trials counts). */
    private static long drawn(Iterable<Trial> trials) {
        long n = 0;
        for (Trial t : trials) if (t.requeuedFrom() == null && t.confirmOf() == null) n++;
        return n;
    }
}
