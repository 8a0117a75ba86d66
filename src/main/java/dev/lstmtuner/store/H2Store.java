package dev.lstmtuner.store;

import dev.lstmtuner.data.DataFingerprint;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lstmtuner.train.EpochMetrics;
import dev.lstmtuner.train.FinalMetrics;
import dev.lstmtuner.train.ForecastMetrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The H2 (JDBC) store. Schema by Flyway ({@code db/migration}), connections from a HikariCP pool, parameterized SQL
 * only. Concurrency: a claim is one conditional update ({@code state='WAITING'} in the WHERE, rowcount 1 wins);
 * trial numbers come from the campaign row, read {@code FOR UPDATE}; heartbeats use {@code CURRENT_TIMESTAMP}.
 * Several processes on one machine share one file through H2's {@code AUTO_SERVER=TRUE}: the first process to open
 * the file serves it over TCP on the loopback interface, the others connect to it, and one of them takes over when
 * it exits. See {@link StoreFactory#DEFAULT_URL}.
 */
public final class H2Store implements Store {
    private static final int MAX_RETRIES = 20;
    private static final String TRIAL_COLUMNS = "t.id, t.campaign_id, c.name, t.number, t.state, t.params_json, "
            + "t.objective, t.worker, t.device, t.created_at, t.started_at, t.finished_at, t.heartbeat_at, "
            + "t.pruned_epoch, t.failure_reason, t.failure_stack, t.requeued_from, t.has_metrics, t.test_mae, "
            + "t.test_rmse, t.test_mape, t.test_r2, t.direction_accuracy, t.persistence_mae, t.persistence_rmse, "
            + "t.persistence_mape, t.persistence_r2, t.persistence_direction_accuracy, t.skill, t.best_val_rmse, "
            + "t.params_count, t.epochs, t.best_epoch, t.training_seconds, t.test_windows, t.confirm_of, "
            + "t.persistence_statistic, t.persistence_p, t.folds_json";
    private static final String TRIAL_FROM = " FROM trial t JOIN campaign c ON c.id = t.campaign_id";

    private final HikariDataSource pool;
    private final String url;

    H2Store(String jdbcUrl) {
        this.url = jdbcUrl;
        this.pool = SchemaGuard.openPool(jdbcUrl);
        try {
            SchemaGuard.migrate(pool, jdbcUrl);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public String url() {
        return url;
    }

    // ---- campaigns ----

    @Override
    public Campaign createCampaign(CampaignSpec s) {
        return tx(c -> {
            if (findCampaign(c, s.name()) != null) throw StoreErrors.campaignExists(s.name());
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaign (name, config_json, space_json, "
                    + "sampler, pruner, budget, objective, direction, settings_json, group_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, s.name());
                ps.setString(2, s.configJson());
                ps.setString(3, s.spaceJson());
                ps.setString(4, s.sampler());
                ps.setString(5, s.pruner());
                setInt(ps, 6, s.budget());
                ps.setString(7, s.objective());
                ps.setString(8, s.direction().name());
                ps.setString(9, s.settingsJson());
                ps.setString(10, s.groupName());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            return campaignById(c, id);
        });
    }

    @Override
    public Optional<Campaign> campaign(String name) {
        return Optional.ofNullable(read(c -> findCampaign(c, name)));
    }

    private static final String CAMPAIGN_SELECT = "SELECT id, name, config_json, space_json, sampler, pruner, budget, "
            + "objective, direction, created_at, settings_json, group_name, ended_at, end_reason FROM campaign";

    private static Campaign findCampaign(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CAMPAIGN_SELECT + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? campaign(rs) : null;
            }
        }
    }

    private static Campaign campaignById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CAMPAIGN_SELECT + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return campaign(rs);
            }
        }
    }

    private static Campaign require(Connection c, String name) throws SQLException {
        Campaign found = findCampaign(c, name);
        if (found == null) throw StoreErrors.noCampaign(name);
        return found;
    }

    private static Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), (Integer) rs.getObject(7, Integer.class), rs.getString(8),
                Direction.valueOf(rs.getString(9)), instant(rs, 10), rs.getString(11), rs.getString(12),
                instant(rs, 13), rs.getString(14));
    }

    @Override
    public List<CampaignSummary> campaigns() {
        return read(c -> {
            List<Campaign> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CAMPAIGN_SELECT + " ORDER BY created_at DESC, id DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) all.add(campaign(rs));
            }
            Map<Long, Map<TrialState, Long>> counts = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT campaign_id, state, COUNT(*) FROM trial GROUP BY campaign_id, state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getLong(1), k -> zeroCounts())
                            .put(TrialState.valueOf(rs.getString(2)), rs.getLong(3));
                }
            }
            List<CampaignSummary> out = new ArrayList<>();
            for (Campaign camp : all) {
                out.add(new CampaignSummary(camp, counts.getOrDefault(camp.id(), zeroCounts()), best(c, camp)));
            }
            return out;
        });
    }

    // ---- trials: creation and claiming ----

    @Override
    public Trial enqueue(String campaign, Map<String, Object> params, Long confirmOf) {
        String json = ParamsJson.write(params);
        Map<String, Object> normalized = ParamsJson.read(json);
        long id = tx(c -> insertTrial(c, require(c, campaign).id(), json, normalized, null, confirmOf));
        return trial(id).orElseThrow();
    }

    /** Allocates the number under the campaign row lock, then inserts the trial and its param rows. */
    private static long insertTrial(Connection c, long campaignId, String json, Map<String, Object> params,
                                    Long requeuedFrom, Long confirmOf) throws SQLException {
        int number;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT next_number FROM campaign WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("campaign " + campaignId + " vanished");
                number = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE campaign SET next_number = ? WHERE id = ?")) {
            ps.setInt(1, number + 1);
            ps.setLong(2, campaignId);
            ps.executeUpdate();
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial (campaign_id, number, state, rank_class, "
                + "params_json, requeued_from, confirm_of) VALUES (?, ?, 'WAITING', ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, campaignId);
            ps.setInt(2, number);
            ps.setInt(3, SortKey.rankClass(TrialState.WAITING));
            ps.setString(4, json);
            setLong(ps, 5, requeuedFrom);
            setLong(ps, 6, confirmOf);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (!params.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_param (trial_id, campaign_id, name, "
                    + "num_value, str_value, state, rank_class) VALUES (?, ?, ?, ?, ?, 'WAITING', ?)");
                 PreparedStatement names = c.prepareStatement(
                         "MERGE INTO campaign_param (campaign_id, name) KEY (campaign_id, name) VALUES (?, ?)")) {
                for (Map.Entry<String, Object> p : params.entrySet()) {
                    ps.setLong(1, id);
                    ps.setLong(2, campaignId);
                    ps.setString(3, p.getKey());
                    setDouble(ps, 4, ParamsJson.numeric(p.getValue()));
                    ps.setString(5, ParamsJson.text(p.getValue()));
                    ps.setInt(6, SortKey.rankClass(TrialState.WAITING));
                    ps.addBatch();
                    names.setLong(1, campaignId);
                    names.setString(2, p.getKey());
                    names.addBatch();
                }
                ps.executeBatch();
                names.executeBatch();
            }
        }
        return id;
    }

    @Override
    public Optional<TrialHandle> claim(long trialId, String worker, String device) {
        return tx(c -> claim(c, trialId, worker, device));
    }

    private Optional<TrialHandle> claim(Connection c, long trialId, String worker, String device)
            throws SQLException {
        int won;
        try (PreparedStatement ps = c.prepareStatement("UPDATE trial SET state = 'RUNNING', rank_class = ?, "
                + "worker = ?, device = ?, started_at = CURRENT_TIMESTAMP, heartbeat_at = CURRENT_TIMESTAMP "
                + "WHERE id = ? AND state = 'WAITING'")) {
            ps.setInt(1, SortKey.rankClass(TrialState.RUNNING));
            ps.setString(2, worker);
            ps.setString(3, device);
            ps.setLong(4, trialId);
            won = ps.executeUpdate();
        }
        if (won != 1) return Optional.empty();
        syncParamState(c, trialId, TrialState.RUNNING);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT t.number, c.name" + TRIAL_FROM + " WHERE t.id = ?")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.of(new Handle(trialId, rs.getInt(1), rs.getString(2)));
            }
        }
    }

    @Override
    public Optional<TrialHandle> claimNext(String campaign, String worker, String device) {
        long campaignId = read(c -> require(c, campaign).id());
        // losing a race for the lowest WAITING trial just means trying the next one
        while (true) {
            Long candidate = read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM trial WHERE campaign_id = ? "
                        + "AND state = 'WAITING' ORDER BY campaign_id, state, number LIMIT 1")) {
                    ps.setLong(1, campaignId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : null;
                    }
                }
            });
            if (candidate == null) return Optional.empty();
            Optional<TrialHandle> h = claim(candidate, worker, device);
            if (h.isPresent()) return h;
        }
    }

    private static void syncParamState(Connection c, long trialId, TrialState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE trial_param SET state = ?, rank_class = ? WHERE trial_id = ?")) {
            ps.setString(1, state.name());
            ps.setInt(2, SortKey.rankClass(state));
            ps.setLong(3, trialId);
            ps.executeUpdate();
        }
    }

    // ---- queries ----

    @Override
    public Optional<Trial> trial(long trialId) {
        return Optional.ofNullable(read(c -> trialById(c, trialId)));
    }

    private static Trial trialById(Connection c, long trialId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TRIAL_COLUMNS + TRIAL_FROM + " WHERE t.id = ?")) {
            ps.setLong(1, trialId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? trial(rs) : null;
            }
        }
    }

    @Override
    public Optional<Trial> trial(String campaign, int number) {
        return Optional.ofNullable(read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + TRIAL_COLUMNS + TRIAL_FROM + " WHERE c.name = ? AND t.number = ?")) {
                ps.setString(1, campaign);
                ps.setInt(2, number);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? trial(rs) : null;
                }
            }
        }));
    }

    @Override
    public Page<Trial> trials(TrialQuery q) {
        return read(c -> {
            Campaign camp = require(c, q.campaign());
            SortKey key = SortKey.resolve(q, camp, paramNames(c, camp.id()));
            return key.metric() != null ? metricPage(c, camp, key, q) : paramPage(c, camp, key, q);
        });
    }

    /**
     * ORDER BY repeats the equality columns (campaign_id, then rank_class or state) so that it is a prefix of an
     * index and H2 reads the page in index order instead of sorting the campaign; the column name comes from the
     * {@link Metric} whitelist, never from the caller.
     */
    private Page<Trial> metricPage(Connection c, Campaign camp, SortKey key, TrialQuery q) throws SQLException {
        String col = "t." + key.metric().column();
        String dir = key.descending() ? " DESC" : "";
        String where = " WHERE t.campaign_id = ?" + (q.state() != null ? " AND t.state = ?" : "");
        String sortCols = key.metric() == Metric.NUMBER ? col + dir : col + dir + " NULLS LAST, t.number";
        String order = q.state() != null
                ? " ORDER BY t.campaign_id, t.state, " + sortCols
                : " ORDER BY t.campaign_id, t.rank_class, " + sortCols;
        // ids first from trial alone: with the campaign join in the same query H2 gives up the index order
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.id FROM trial t" + where + order
                + " LIMIT ? OFFSET ?")) {
            int i = bindWhere(ps, camp.id(), q.state(), null);
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.offset());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        List<Trial> items = fetchInOrder(c, ids);
        long total = count(c, "SELECT COUNT(*) FROM trial t" + where, camp.id(), q.state(), null);
        return new Page<>(items, total, q.offset(), q.limit());
    }

    /** Pages over the trial_param index (it carries state and rank class), then fetches those trials by id. */
    private Page<Trial> paramPage(Connection c, Campaign camp, SortKey key, TrialQuery q) throws SQLException {
        String dir = key.descending() ? " DESC" : "";
        String where = " WHERE p.campaign_id = ? AND p.name = ?" + (q.state() != null ? " AND p.state = ?" : "");
        String order = (q.state() != null ? " ORDER BY p.campaign_id, p.name, p.state, "
                : " ORDER BY p.campaign_id, p.name, p.rank_class, ")
                + "p.num_value" + dir + " NULLS LAST, p.str_value" + dir + " NULLS LAST, p.trial_id";
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT p.trial_id FROM trial_param p" + where + order + " LIMIT ? OFFSET ?")) {
            int i = bindWhere(ps, camp.id(), q.state(), key.param());
            ps.setInt(i++, q.limit());
            ps.setInt(i, q.offset());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        List<Trial> items = fetchInOrder(c, ids);
        long total = count(c, "SELECT COUNT(*) FROM trial_param p" + where, camp.id(), q.state(), key.param());
        return new Page<>(items, total, q.offset(), q.limit());
    }

    /** The trials with these ids, in the given order. */
    private static List<Trial> fetchInOrder(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        Map<Long, Trial> byId = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + TRIAL_COLUMNS + TRIAL_FROM + " WHERE t.id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("BIGINT", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Trial t = trial(rs);
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
        if (state != null) ps.setString(i++, state.name());
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

    @Override
    public Optional<Trial> best(String campaign) {
        return Optional.ofNullable(read(c -> {
            Campaign camp = findCampaign(c, campaign);
            return camp == null ? null : best(c, camp);
        }));
    }

    private static Trial best(Connection c, Campaign camp) throws SQLException {
        String dir = camp.direction() == Direction.MAXIMIZE ? " DESC" : "";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + TRIAL_COLUMNS + TRIAL_FROM
                + " WHERE t.campaign_id = ? AND t.state = 'COMPLETE' AND t.objective IS NOT NULL"
                + " ORDER BY t.campaign_id, t.state, t.objective" + dir + " NULLS LAST, t.number LIMIT 1")) {
            ps.setLong(1, camp.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? trial(rs) : null;
            }
        }
    }

    @Override
    public Map<Long, List<EpochMetrics>> epochs(Collection<Long> trialIds) {
        if (trialIds.isEmpty()) return new LinkedHashMap<>();
        return read(c -> epochs(c, trialIds));
    }

    private static Map<Long, List<EpochMetrics>> epochs(Connection c, Collection<Long> trialIds) throws SQLException {
        Map<Long, List<EpochMetrics>> out = new LinkedHashMap<>();
        {
            try (PreparedStatement ps = c.prepareStatement("SELECT trial_id, epoch, train_loss, val_loss, val_rmse, "
                    + "duration_ms FROM epoch_metric WHERE trial_id = ANY(?) ORDER BY trial_id, epoch")) {
                ps.setArray(1, c.createArrayOf("BIGINT", trialIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new EpochMetrics(rs.getInt(2),
                                rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getLong(6)));
                    }
                }
            }
            Map<Long, List<EpochMetrics>> ordered = new LinkedHashMap<>();
            for (Long id : trialIds) if (out.containsKey(id)) ordered.put(id, List.copyOf(out.get(id)));
            return ordered;
        }
    }

    @Override
    public Map<TrialState, Long> countByState(String campaign) {
        return read(c -> {
            long id = require(c, campaign).id();
            Map<TrialState, Long> counts = zeroCounts();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state, COUNT(*) FROM trial WHERE campaign_id = ? GROUP BY state")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) counts.put(TrialState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    private static Map<TrialState, Long> zeroCounts() {
        Map<TrialState, Long> m = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) m.put(s, 0L);
        return m;
    }

    @Override
    public List<String> sortKeys(String campaign) {
        return read(c -> {
            List<String> keys = new ArrayList<>(Metric.keys());
            keys.addAll(paramNames(c, require(c, campaign).id()));
            return keys;
        });
    }

    @Override
    public Optional<TrialReport> report(long trialId) {
        return Optional.ofNullable(read(c -> {
            Trial t = trialById(c, trialId);
            if (t == null) return null;
            List<Artifact> artifacts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, path, sha256, size_bytes FROM artifact WHERE trial_id = ? ORDER BY id")) {
                ps.setLong(1, trialId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        artifacts.add(new Artifact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                    }
                }
            }
            Provenance prov = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT config_json, seed, data_sha256, "
                    + "data_first_time_ms, data_last_time_ms, data_rows, lstm_tuner_version, git_commit, "
                    + "java_version, dl4j_version, nd4j_backend, os, arch, threads, host "
                    + "FROM provenance WHERE trial_id = ?")) {
                ps.setLong(1, trialId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        DataFingerprint.Fingerprint fp = rs.getString(3) == null ? null : new DataFingerprint.Fingerprint(rs.getString(3),
                                rs.getLong(4), rs.getLong(5), rs.getInt(6));
                        prov = new Provenance(rs.getString(1), rs.getLong(2), fp, rs.getString(7), rs.getString(8),
                                rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                                rs.getString(13), rs.getInt(14), rs.getString(15));
                    }
                }
            }
            List<EpochMetrics> curve = epochs(c, List.of(trialId)).getOrDefault(trialId, List.of());
            return new TrialReport(t, curve, artifacts, prov);
        }));
    }

    // ---- maintenance ----

    @Override
    public List<Trial> reclaimStale(Duration grace, boolean requeue) {
        List<Long> candidates = read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM trial WHERE state = 'RUNNING' "
                    + "AND heartbeat_at < DATEADD(MILLISECOND, ?, CURRENT_TIMESTAMP) ORDER BY id")) {
                ps.setLong(1, -grace.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            }
            return ids;
        });
        List<Trial> lost = new ArrayList<>();
        for (long id : candidates) {
            // re-checked in the update: a heartbeat that arrived meanwhile keeps the trial alive
            Trial t = tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE trial SET state = 'FAILED', rank_class = ?, "
                        + "failure_reason = ?, finished_at = CURRENT_TIMESTAMP WHERE id = ? AND state = 'RUNNING' "
                        + "AND heartbeat_at < DATEADD(MILLISECOND, ?, CURRENT_TIMESTAMP)")) {
                    ps.setInt(1, SortKey.rankClass(TrialState.FAILED));
                    ps.setString(2, StoreErrors.WORKER_LOST);
                    ps.setLong(3, id);
                    ps.setLong(4, -grace.toMillis());
                    if (ps.executeUpdate() != 1) return null;
                }
                syncParamState(c, id, TrialState.FAILED);
                Trial failed = trialById(c, id);
                if (requeue) {
                    String json = ParamsJson.write(failed.params());
                    insertTrial(c, failed.campaignId(), json, failed.params(), id, failed.confirmOf());
                }
                return failed;
            });
            if (t != null) lost.add(t);
        }
        return lost;
    }

    @Override
    public void endCampaign(String name, String reason) {
        tx(c -> {
            require(c, name);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE campaign SET ended_at = CURRENT_TIMESTAMP, end_reason = ? WHERE name = ?")) {
                ps.setString(1, reason == null ? null : truncate(reason, 4000));
                ps.setString(2, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void reopenCampaign(String name) {
        tx(c -> {
            require(c, name);
            try (PreparedStatement ps = c.prepareStatement("UPDATE campaign SET ended_at = NULL, end_reason = NULL WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public int deleteCampaign(String name) {
        return tx(c -> {
            long id = require(c, name).id();
            int trials;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM trial WHERE campaign_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    trials = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM campaign WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return trials;
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    // ---- the live handle ----

    private final class Handle implements TrialHandle {
        private final long id;
        private final int number;
        private final String campaign;

        Handle(long id, int number, String campaign) {
            this.id = id;
            this.number = number;
            this.campaign = campaign;
        }

        @Override
        public long trialId() {
            return id;
        }

        @Override
        public int number() {
            return number;
        }

        @Override
        public String campaign() {
            return campaign;
        }

        /** Locks the trial row and checks it is still RUNNING, so no write lands on a finished trial. */
        private void lockRunning(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM trial WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new IllegalStateException("trial " + campaign + "/" + number + " was deleted");
                    TrialState s = TrialState.valueOf(rs.getString(1));
                    if (s != TrialState.RUNNING) throw StoreErrors.notRunning(campaign + "/" + number, s);
                }
            }
        }

        @Override
        public void reportEpoch(EpochMetrics e) {
            tx(c -> {
                lockRunning(c);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO epoch_metric (trial_id, epoch, "
                        + "train_loss, val_loss, val_rmse, duration_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, id);
                    ps.setInt(2, e.epoch());
                    ps.setDouble(3, e.trainLoss());
                    ps.setDouble(4, e.valLoss());
                    ps.setDouble(5, e.valRmse());
                    ps.setLong(6, e.durationMs());
                    ps.executeUpdate();
                } catch (SQLException ex) {
                    if ("23505".equals(ex.getSQLState())) {
                        throw new IllegalStateException("epoch " + e.epoch() + " of trial " + campaign + "/"
                                + number + " was already reported", ex);
                    }
                    throw ex;
                }
                touch(c);
                return null;
            });
        }

        private void touch(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE trial SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }

        @Override
        public void heartbeat() {
            tx(c -> {
                lockRunning(c);
                touch(c);
                return null;
            });
        }

        @Override
        public void recordProvenance(Provenance p) {
            tx(c -> {
                lockRunning(c);
                try (PreparedStatement ps = c.prepareStatement("MERGE INTO provenance (trial_id, config_json, seed, "
                        + "data_sha256, data_first_time_ms, data_last_time_ms, data_rows, lstm_tuner_version, "
                        + "git_commit, java_version, dl4j_version, nd4j_backend, os, arch, threads, host) "
                        + "KEY (trial_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    DataFingerprint.Fingerprint d = p.data();
                    ps.setLong(1, id);
                    ps.setString(2, p.configJson());
                    ps.setLong(3, p.seed());
                    ps.setString(4, d == null ? null : d.sha256());
                    setLong(ps, 5, d == null ? null : d.firstTimeMs());
                    setLong(ps, 6, d == null ? null : d.lastTimeMs());
                    setLong(ps, 7, d == null ? null : (Long) (long) d.rows());
                    ps.setString(8, p.lstmTunerVersion());
                    ps.setString(9, p.gitCommit());
                    ps.setString(10, p.javaVersion());
                    ps.setString(11, p.dl4jVersion());
                    ps.setString(12, p.nd4jBackend());
                    ps.setString(13, p.os());
                    ps.setString(14, p.arch());
                    ps.setInt(15, p.threads());
                    ps.setString(16, p.host());
                    ps.executeUpdate();
                }
                return null;
            });
        }

        @Override
        public void addArtifact(Artifact a) {
            tx(c -> {
                lockRunning(c);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO artifact (trial_id, kind, path, sha256, "
                        + "size_bytes) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setLong(1, id);
                    ps.setString(2, a.kind());
                    ps.setString(3, a.path());
                    ps.setString(4, a.sha256());
                    ps.setLong(5, a.sizeBytes());
                    ps.executeUpdate();
                }
                return null;
            });
        }

        @Override
        public void complete(FinalMetrics m, double objective) {
            tx(c -> {
                lockRunning(c);
                ForecastMetrics mo = m.model();
                ForecastMetrics pe = m.persistence();
                try (PreparedStatement ps = c.prepareStatement("UPDATE trial SET state = 'COMPLETE', rank_class = ?, "
                        + "finished_at = CURRENT_TIMESTAMP, objective = ?, has_metrics = TRUE, test_mae = ?, "
                        + "test_rmse = ?, test_mape = ?, test_r2 = ?, direction_accuracy = ?, persistence_mae = ?, "
                        + "persistence_rmse = ?, persistence_mape = ?, persistence_r2 = ?, "
                        + "persistence_direction_accuracy = ?, skill = ?, best_val_rmse = ?, params_count = ?, "
                        + "epochs = ?, best_epoch = ?, training_seconds = ?, test_windows = ?, persistence_statistic = ?, "
                        + "persistence_p = ?, folds_json = ? WHERE id = ?")) {
                    int i = 1;
                    ps.setInt(i++, SortKey.rankClass(TrialState.COMPLETE));
                    ps.setDouble(i++, objective);
                    for (double v : new double[]{mo.mae(), mo.rmse(), mo.mape(), mo.r2(), mo.directionAccuracy(),
                            pe.mae(), pe.rmse(), pe.mape(), pe.r2(), pe.directionAccuracy(), m.skill(),
                            m.bestValRmse()}) {
                        ps.setDouble(i++, v);
                    }
                    ps.setLong(i++, m.params());
                    ps.setInt(i++, m.epochs());
                    ps.setInt(i++, m.bestEpoch());
                    ps.setDouble(i++, m.trainingSeconds());
                    ps.setInt(i++, m.testWindows());
                    setDouble(ps, i++, m.persistenceStatistic());
                    setDouble(ps, i++, m.persistencePValue());
                    ps.setString(i++, m.folds().isEmpty() ? null : FoldsJson.write(m.folds()));
                    ps.setLong(i, id);
                    ps.executeUpdate();
                }
                syncParamState(c, id, TrialState.COMPLETE);
                return null;
            });
        }

        @Override
        public void prune(int epoch, String reason) {
            finish(TrialState.PRUNED, epoch, reason, null);
        }

        @Override
        public void fail(String reason, String stack) {
            finish(TrialState.FAILED, null, reason, stack);
        }

        @Override
        public void interrupt(String reason) {
            finish(TrialState.FAILED, null, reason, null, true);
        }

        private void finish(TrialState state, Integer prunedEpoch, String reason, String stack) {
            finish(state, prunedEpoch, reason, stack, false);
        }

        private void finish(TrialState state, Integer prunedEpoch, String reason, String stack, boolean requeue) {
            tx(c -> {
                lockRunning(c);
                try (PreparedStatement ps = c.prepareStatement("UPDATE trial SET state = ?, rank_class = ?, "
                        + "finished_at = CURRENT_TIMESTAMP, pruned_epoch = ?, failure_reason = ?, failure_stack = ? "
                        + "WHERE id = ?")) {
                    ps.setString(1, state.name());
                    ps.setInt(2, SortKey.rankClass(state));
                    setInt(ps, 3, prunedEpoch);
                    ps.setString(4, reason == null ? null : truncate(reason, 4000));
                    ps.setString(5, stack);
                    ps.setLong(6, id);
                    ps.executeUpdate();
                }
                syncParamState(c, id, state);
                if (requeue) {
                    Trial t = trialById(c, id);
                    insertTrial(c, t.campaignId(), ParamsJson.write(t.params()), t.params(), id, t.confirmOf());
                }
                return null;
            });
        }

        @Override
        public Trial snapshot() {
            return trial(id).orElseThrow(() ->
                    new IllegalStateException("trial " + campaign + "/" + number + " was deleted"));
        }
    }

    // ---- JDBC plumbing ----

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("store query failed on " + url + ": " + e.getMessage(), e);
        }
    }

    /** Runs in one transaction, retried when H2 reports a lock timeout, deadlock or concurrent update. */
    private <T> T tx(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (attempt < MAX_RETRIES && retryable(e)) {
                    sleepQuietly(attempt);
                    continue;
                }
                throw new StoreException("store update failed on " + url + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean retryable(SQLException e) {
        int code = e.getErrorCode();
        return code == 90131 || code == 40001 || code == 50200 || "40001".equals(e.getSQLState());
    }

    private static void sleepQuietly(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L * attempt));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private static Trial trial(ResultSet rs) throws SQLException {
        FinalMetrics metrics = null;
        if (rs.getBoolean(18)) {
            metrics = new FinalMetrics(
                    new ForecastMetrics(rs.getDouble(19), rs.getDouble(20), rs.getDouble(21), rs.getDouble(22),
                            rs.getDouble(23)),
                    new ForecastMetrics(rs.getDouble(24), rs.getDouble(25), rs.getDouble(26), rs.getDouble(27),
                            rs.getDouble(28)),
                    rs.getDouble(29), rs.getDouble(30), rs.getLong(31), rs.getInt(32), rs.getInt(33),
                    rs.getDouble(34), rs.getInt(35), (Double) rs.getObject(37, Double.class),
                    (Double) rs.getObject(38, Double.class), FoldsJson.read(rs.getString(39)));
        }
        return new Trial(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                TrialState.valueOf(rs.getString(5)), ParamsJson.read(rs.getString(6)),
                (Double) rs.getObject(7, Double.class), rs.getString(8), rs.getString(9), instant(rs, 10),
                instant(rs, 11), instant(rs, 12), instant(rs, 13), (Integer) rs.getObject(14, Integer.class),
                rs.getString(15), rs.getString(16), (Long) rs.getObject(17, Long.class),
                (Long) rs.getObject(36, Long.class), metrics);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.BIGINT);
        else ps.setLong(i, v);
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.DOUBLE);
        else ps.setDouble(i, v);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
