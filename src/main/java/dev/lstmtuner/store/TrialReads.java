package dev.lstmtuner.store;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.TrialState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Read queries: single trials, sorted pages (sorted and paged by the database from an index, never in memory),
 * the best trial, epoch curves, counts and reports.
 */
final class TrialReads {
    private final Jdbc db;
    private final PageTotals totals = new PageTotals();

    TrialReads(Jdbc db) {
        this.db = db;
    }

    static Trial byId(Connection c, long trialId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Rows.SELECT_TRIAL + " WHERE t.id = ?")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Rows.trial(rs) : null;
            }
        }
    }

    Trial byId(long trialId) {
        return db.read(c -> byId(c, trialId));
    }

    Trial byNumber(String campaign, int number) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Rows.SELECT_TRIAL + " WHERE c.name = ? AND t.number = ?")) {
                ps.setString(1, campaign);
                ps.setInt(2, number);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Rows.trial(rs) : null;
                }
            }
        });
    }

    Page<Trial> page(TrialQuery q) {
        return db.read(c -> {
            Campaign camp = JdbcCampaigns.require(c, q.campaign());
            SortKey key = SortKey.resolve(q, camp, paramNames(c, camp.id()));
            return key.column() != null ? metricPage(c, camp, key, q) : paramPage(c, camp, key, q);
        });
    }

    /**
     * Ids first from the sorted table alone (with the campaign join in the same query H2 gives up the index order),
     * then those trials by id. The WHERE and ORDER BY repeat the index's leading equality columns so that every read
     * is a range of one index in order; column names come from the {@link SortColumn} whitelist, never from the caller.
     */
    private Page<Trial> metricPage(Connection c, Campaign camp, SortKey key, TrialQuery q) throws SQLException {
        // a state is one rank class, so the rank index serves a state filter too
        String where = " WHERE t.campaign_id = ?" + (q.state() != null ? " AND t.rank_class = ?" : "");
        Ids ids = ids(c, KeysetSql.metric(key.column(), key.descending()), where, camp.id(), null, q);
        long total = q.state() == null ? PageTotals.trials(c, camp.id())
                : count(c, "SELECT COUNT(*) FROM trial t" + where, camp.id(), q.state(), null);
        return new Page<>(fetchInOrder(c, ids.ids()), total, q.offset(), q.limit(), ids.next());
    }

    /** Pages over the trial_param index (it carries the rank class), then fetches those trials by id. */
    private Page<Trial> paramPage(Connection c, Campaign camp, SortKey key, TrialQuery q) throws SQLException {
        String where = " WHERE p.campaign_id = ? AND p.name = ?" + (q.state() != null ? " AND p.rank_class = ?" : "");
        Ids ids = ids(c, KeysetSql.param(key.descending()), where, camp.id(), key.param(), q);
        long total = q.state() == null ? totals.withParam(c, camp.id(), key.param())
                : count(c, "SELECT COUNT(*) FROM trial_param p" + where, camp.id(), q.state(), key.param());
        return new Page<>(fetchInOrder(c, ids.ids()), total, q.offset(), q.limit(), ids.next());
    }

    private record Ids(List<Long> ids, TrialPosition next) {
    }

    /**
     * The page's trial ids in order, read one more than the limit to learn whether a row follows (then {@code next}
     * is the last id's position). After a position, the ranges of {@link KeysetSql#after} are read in turn until
     * the page is full; usually the first or second fills it.
     */
    private static Ids ids(Connection c, KeysetSql sql, String where, long campaignId, String param, TrialQuery q) throws SQLException {
        List<KeysetSql.Range> ranges = q.after() == null ? Collections.singletonList(null)
                : sql.after(q.after(), q.state() != null);
        List<Long> ids = new ArrayList<>();
        List<TrialPosition> positions = new ArrayList<>();
        for (KeysetSql.Range range : ranges) {
            int want = q.limit() + 1 - ids.size();
            if (want <= 0) break;
            boolean offset = q.after() == null;
            try (PreparedStatement ps = c.prepareStatement(sql.query(where, range, offset))) {
                int i = KeysetSql.bind(ps, bindWhere(ps, campaignId, q.state(), param), range);
                ps.setInt(i++, want);
                if (offset) ps.setInt(i, q.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong("id"));
                        positions.add(KeysetSql.position(rs));
                    }
                }
            }
        }
        boolean more = ids.size() > q.limit();
        List<Long> page = more ? ids.subList(0, q.limit()) : ids;
        return new Ids(page, more ? positions.get(q.limit() - 1) : null);
    }

    List<Trial> byIds(List<Long> ids) {
        return db.read(c -> fetchInOrder(c, ids));
    }

    /** The trials with these ids, in the given order. */
    private static List<Trial> fetchInOrder(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        Map<Long, Trial> byId = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(Rows.SELECT_TRIAL + " WHERE t.id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("BIGINT", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Trial t = Rows.trial(rs);
                    byId.put(t.id(), t);
                }
            }
        }
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    private static int bindWhere(PreparedStatement ps, long campaignId, TrialState state, String param)
            throws SQLException {
        int i = 1;
        ps.setLong(i++, campaignId);
        if (param != null) ps.setString(i++, param);
        if (state != null) ps.setInt(i++, SortKey.rankClass(state));
        return i;
    }

    private static long count(Connection c, String sql, long campaignId, TrialState state, String param)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindWhere(ps, campaignId, state, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> paramNames(Connection c, long campaignId) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM campaign_param WHERE campaign_id = ? ORDER BY name")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) names.add(rs.getString(1));
            }
        }
        return names;
    }

    Trial best(String campaign) {
        return db.read(c -> {
            Campaign camp = JdbcCampaigns.find(c, campaign);
            return camp == null ? null : best(c, camp);
        });
    }

    /**
     * The campaign's confirmation runs, by number: the ids of the store's confirmation runs from the confirm_of index
     * (a handful a campaign however large it is), then those trials by id. With the campaign in the same WHERE (or
     * IS NOT NULL, no index range in H2) H2 read the campaign's every trial instead, a row lookup each: 100k of them
     * on every leaderboard page of a 100k-trial campaign, seconds under a writer. Ids start at 1, so {@code > 0} is
     * every confirmation run.
     */
    List<Trial> confirmationRuns(String campaign) {
        return db.read(c -> {
            Campaign camp = JdbcCampaigns.find(c, campaign);
            if (camp == null) return new ArrayList<>();
            // number -> id, ordered in Java: an ORDER BY could make H2 pick an index for the order instead
            TreeMap<Integer, Long> ids = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT t.id, t.campaign_id, t.number FROM trial t WHERE t.confirm_of > 0");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) if (rs.getLong("campaign_id") == camp.id()) ids.put(rs.getInt("number"), rs.getLong("id"));
            }
            return new ArrayList<>(fetchInOrder(c, new ArrayList<>(ids.values())));
        });
    }

    /**
     * The first row of the objective's rank index (COMPLETE is rank class 0; confirmation runs skipped, at most
     * top_k × seeds rows), read by id afterwards: filtering on
     * state instead had no index since V3 and, with the campaign join, made H2 sort every completed trial per call.
     */
    static Trial best(Connection c, Campaign camp) throws SQLException {
        String dir = camp.direction() == Direction.MAXIMIZE ? " DESC" : "";
        try (PreparedStatement ps = c.prepareStatement("SELECT t.id FROM trial t WHERE t.campaign_id = ? "
                + "AND t.rank_class = ? AND t.objective IS NOT NULL AND t.confirm_of IS NULL"
                + " ORDER BY t.campaign_id, t.rank_class, t.objective" + dir + " NULLS LAST, t.number LIMIT 1")) {
            ps.setLong(1, camp.id());
            ps.setInt(2, SortKey.rankClass(TrialState.COMPLETE));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? byId(c, rs.getLong(1)) : null;
            }
        }
    }

    Map<Long, List<EpochMetrics>> epochs(Collection<Long> trialIds) {
        if (trialIds.isEmpty()) return new LinkedHashMap<>();
        return db.read(c -> epochs(c, trialIds));
    }

    private static Map<Long, List<EpochMetrics>> epochs(Connection c, Collection<Long> trialIds) throws SQLException {
        Map<Long, List<EpochMetrics>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.EPOCH_COLUMNS
                + " FROM epoch_metric WHERE trial_id = ANY(?) ORDER BY trial_id, epoch")) {
            ps.setArray(1, c.createArrayOf("BIGINT", trialIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.computeIfAbsent(rs.getLong("trial_id"), k -> new ArrayList<>()).add(Rows.epoch(rs));
            }
        }
        Map<Long, List<EpochMetrics>> ordered = new LinkedHashMap<>();
        for (Long id : trialIds) if (out.containsKey(id)) ordered.put(id, List.copyOf(out.get(id)));
        return ordered;
    }

    CampaignChanges changesSince(String campaign, Instant trialsSince, Instant epochsSince) {
        return db.readMany(c -> {
            long id = JdbcCampaigns.require(c, campaign).id();
            // the mark first: whatever commits after it is stamped at or after it, so the next read sees it
            Instant now;
            try (PreparedStatement ps = c.prepareStatement(db.dialect().watermarkSql());
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                now = Rows.instant(rs, "now");
            }
            List<Trial> trials = new ArrayList<>();
            try (PreparedStatement ps = Jdbc.fetching(c, Rows.SELECT_TRIAL + " WHERE t.campaign_id = ?"
                    + (trialsSince != null ? " AND t.changed_at >= ?" : "") + " ORDER BY t.number")) {
                ps.setLong(1, id);
                if (trialsSince != null) ps.setObject(2, trialsSince.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) trials.add(Rows.trial(rs));
                }
            }
            Map<Long, List<EpochMetrics>> epochs = new LinkedHashMap<>();
            try (PreparedStatement ps = Jdbc.fetching(c, "SELECT " + Rows.EPOCH_COLUMNS + " FROM epoch_metric "
                    + "WHERE campaign_id = ?" + (epochsSince != null ? " AND recorded_at >= ?" : "")
                    + " ORDER BY trial_id, epoch")) {
                ps.setLong(1, id);
                if (epochsSince != null) ps.setObject(2, epochsSince.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        epochs.computeIfAbsent(rs.getLong("trial_id"), k -> new ArrayList<>()).add(Rows.epoch(rs));
                    }
                }
            }
            return new CampaignChanges(trials, epochs, now);
        });
    }

    Map<TrialState, Long> countByState(String campaign) {
        return db.read(c -> {
            long id = JdbcCampaigns.require(c, campaign).id();
            Map<TrialState, Long> counts = zeroCounts();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state, COUNT(*) AS n FROM trial WHERE campaign_id = ? GROUP BY state")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) counts.put(TrialState.valueOf(rs.getString("state")), rs.getLong("n"));
                }
            }
            return counts;
        });
    }

    static Map<TrialState, Long> zeroCounts() {
        Map<TrialState, Long> m = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) m.put(s, 0L);
        return m;
    }

    List<String> sortKeys(String campaign) {
        return db.read(c -> {
            return SortColumn.keysWith(paramNames(c, JdbcCampaigns.require(c, campaign).id()));
        });
    }

    TrialReport report(long trialId) {
        return db.read(c -> {
            Trial t = byId(c, trialId);
            if (t == null) return null;
            List<Artifact> artifacts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, path, sha256, size_bytes FROM artifact WHERE trial_id = ? ORDER BY id")) {
                ps.setLong(1, trialId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) artifacts.add(Rows.artifact(rs));
                }
            }
            Provenance prov = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + Rows.PROVENANCE_COLUMNS + " FROM provenance WHERE trial_id = ?")) {
                ps.setLong(1, trialId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) prov = Rows.provenance(rs);
                }
            }
            List<EpochMetrics> curve = epochs(c, List.of(trialId)).getOrDefault(trialId, List.of());
            return new TrialReport(t, curve, artifacts, prov);
        });
    }
}
