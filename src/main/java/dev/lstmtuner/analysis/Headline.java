package dev.lstmtuner.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a view leads with, in this order: the lockbox verdict, when the campaign has one (the confirmed winner scored
 * once on bars no selection step saw); then the campaign-wide SPA verdict; then the named trial's Holm-corrected
 * verdict and its direction test. The lockbox is a hook: {@code lockbox} is its verdict in words, empty until the
 * campaign has one.
 */
public record Headline(Optional<String> lockbox, CampaignVerdicts verdicts, Integer trial) {

    /** The lines to print, most authoritative first. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        lockbox.ifPresent(out::add);   // it says "lockbox verdict: …" itself
        out.add((lockbox.isPresent() ? "Before the lockbox: " : "") + verdicts.campaign().words());
        if (trial != null) {
            verdicts.trial(trial).ifPresent(v -> out.add("Trial #" + trial + " on its test windows: " + v.words() + "."));
            verdicts.direction(trial).ifPresent(d -> out.add("Trial #" + trial + ": " + d.words() + "."));
        }
        if (verdicts.withoutPredictions() > 0) {
            out.add(verdicts.withoutPredictions() + " COMPLETE trial(s) have no readable predictions file and are not"
                    + " in the campaign-wide test.");
        }
        return out;
    }
}
