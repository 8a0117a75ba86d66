package dev.lstmtuner.search;

/**
 * When a campaign stops: after {@code maxTrials} finished trials (null = no limit), after {@code maxMinutes} of wall
 * time (null = no limit; running trials are interrupted and re-queued for a resume), or after
 * {@code maxConsecutiveFailures} failures in a row (a campaign that keeps failing says why and stops).
 */
public record Budget(Integer maxTrials, Double maxMinutes, int maxConsecutiveFailures) {
    public static final Budget DEFAULT = new Budget(20, null, 5);
}
