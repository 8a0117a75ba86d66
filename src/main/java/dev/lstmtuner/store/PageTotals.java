package dev.lstmtuner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many trials an unfiltered leaderboard listing holds, without a COUNT(*) over the campaign on every page (at
 * 30k trials that count was a fifth of an H2 page's time). Trial numbers are allocated under the campaign row lock
 * and committed with its {@code next_number}, and trials are never deleted one by one (only with their campaign,
 * whose id is never reused), so a campaign holds exactly {@code next_number - 1} trials, all of them committed. The
 * trials that have a param only grow too (params are written with the trial and never change), so a param's total
 * is counted once and then only over the numbers added since. A state filter's count changes with every claim and
 * completion, so those pages still count.
 */
final class PageTotals {
    private record Counted(int upTo, long total) {
    }

    /** Per campaign id and param name: the total over trial numbers 1..upTo. */
    private final Map<String, Counted> byParam = new ConcurrentHashMap<>();

    /** Every trial of the campaign. */
    static int trials(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT next_number FROM campaign WHERE id = ?")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("campaign " + campaignId + " vanished");
                return rs.getInt(1) - 1;
            }
        }
    }

    /** The campaign's trials that have this param (a conditional param is absent from some). */
    long withParam(Connection c, long campaignId, String param) throws SQLException {
        // the numbers first: every trial up to them is committed, so the count below sees all of them
        int upTo = trials(c, campaignId);
        String key = campaignId + "/" + param;
        Counted known = byParam.get(key);
        if (known != null && known.upTo() >= upTo) return known.total();
        int from = known == null ? 0 : known.upTo();
        long added;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM trial t JOIN trial_param p "
                + "ON p.trial_id = t.id AND p.name = ? WHERE t.campaign_id = ? AND t.number > ? AND t.number <= ?")) {
            ps.setString(1, param);
            ps.setLong(2, campaignId);
            ps.setInt(3, from);
            ps.setInt(4, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                added = rs.getLong(1);
            }
        }
        Counted now = new Counted(upTo, (known == null ? 0 : known.total()) + added);
        byParam.merge(key, now, (a, b) -> b.upTo() >= a.upTo() ? b : a);
        return now.total();
    }
}
