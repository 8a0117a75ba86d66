package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.TrialState;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages shared by both stores, so the contract test sees the same errors from each; and a storage fault said in
 * one line that names the file and what to do.
 */
public final class StoreErrors {
    private static final Pattern URL = Pattern.compile("\\b(jdbc:[^\\s]+?):? ");
    private static final Pattern DISK_FULL = Pattern.compile(
            "(?i)no space left|disk full|file too large|quota exceeded|not enough space");
    private static final Pattern READ_ONLY = Pattern.compile(
            "(?i)read[- ]only|access ?denied|permission denied|operation not permitted");
    static final String WORKER_LOST = "worker lost";

    private StoreErrors() {
    }

    static BadInputException noCampaign(String name) {
        return new BadInputException("no campaign named '" + name + "': run `lstm-tuner campaigns` to list them");
    }

    static BadInputException campaignExists(String name) {
        return new BadInputException("a campaign named '" + name + "' already exists: pick another name");
    }

    static TrialLostException notRunning(String label, TrialState state) {
        return new TrialLostException("trial " + label + " is " + state
                + (state.isFinished() ? ": a finished trial is never updated again" : ", not RUNNING"));
    }

    static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** A store that failed to read or write, in one line: which file, what went wrong, what to do. */
    public static String explain(StoreException e) {
        if (e instanceof StoreUnreachableException) return e.getMessage();
        Matcher m = URL.matcher(String.valueOf(e.getMessage()));
        String store = m.find() ? "the experiment store " + StoreFactory.describe(m.group(1)) : "the experiment store";
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = e; t != null && messages.size() < 10; t = t.getCause()) {
            if (t.getMessage() != null) messages.add(firstLine(t.getMessage()));
        }
        String all = String.join(" | ", messages);
        String root = messages.isEmpty() ? e.toString() : messages.stream().reduce((a, b) -> b).orElseThrow();
        if (DISK_FULL.matcher(all).find()) {
            return store + " cannot be written: the disk is full (" + root + "); free space there (or pass --store "
                    + "with another location) and run the command again; what was recorded before is kept";
        }
        if (READ_ONLY.matcher(all).find()) {
            return store + " cannot be written: it is read-only (" + root + "); it can still be browsed "
                    + "(campaigns, trials, show, export, serve); to run, make it writable or copy it elsewhere";
        }
        return store + " failed: " + root + "; what was recorded before is kept: check the disk and the file, then "
                + "run the command again";
    }
}
