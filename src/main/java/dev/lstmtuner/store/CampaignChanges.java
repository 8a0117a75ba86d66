package dev.lstmtuner.store;

import dev.lstmtuner.result.EpochMetrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What changed in a campaign since a point of the store's clock ({@link Store#changesSince}): the trials whose
 * state changed (or that were added) at or after it, the epoch rows recorded at or after it (by trial id, in epoch
 * order), and a point of the store's clock before which every change was committed when it was read (the clock
 * itself, held back by transactions still open: {@code Dialect#watermarkSql}). Readers pass {@code now} minus a
 * safety lag as their next {@code since}, so a transaction that commits long after it stamped its rows is still
 * seen; the rows seen again are the same rows, which the reader merges.
 */
public record CampaignChanges(List<Trial> trials, Map<Long, List<EpochMetrics>> epochs, Instant now) {
}
