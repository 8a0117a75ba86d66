package dev.lstmtuner.web;

import java.util.List;

/**
 * One page of the leaderboard: the rows, how many match in all, where the page starts, the cursor of the next page
 * (null on the last), the campaign's best trial, and the column names (params, then metric keys).
 */
public record TrialPage(String campaign, String sort, String order, long total, int offset, int limit,
                        String nextCursor, Long bestId, List<TrialRow> items, List<String> params,
                        List<String> metrics) {
}
