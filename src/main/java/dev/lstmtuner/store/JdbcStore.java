package dev.lstmtuner.store;

import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.LockboxScore;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.result.TrialState;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The store on a database server or file, through JDBC: H2 (a file, shared between processes on one machine by
 * AUTO_SERVER) or PostgreSQL (shared by any number of machines). Schema by Flyway, connections from a HikariCP
 * pool, parameterized SQL only. This class only wires the parts: {@link Jdbc} (pool and transactions),
 * {@link JdbcCampaigns}, {@link TrialQueue} (all concurrency), {@link TrialReads} (queries and paging),
 * {@link JdbcTrialHandle} (a running trial) and {@link Rows} (row mapping); {@link Dialect} holds what differs
 * between the databases.
 */
public final class JdbcStore implements Store {
    private final Jdbc db;
    private final JdbcCampaigns campaigns;
    private final JdbcSteering steering;
    private final TrialQueue queue;
    private final TrialClaims claims;
    private final JdbcLeases leases;
    private final TrialReads reads;
    private final JdbcNotes notes;
    private final JdbcLockbox lockbox;
    private final JdbcObjectives objectives;

    JdbcStore(String jdbcUrl, String user, String password) {
        this(open(jdbcUrl, user, password));
    }

    /** On a pool already open and migrated (tests hand in one whose connections fail on purpose). */
    JdbcStore(Jdbc db) {
        this.db = db;
        this.campaigns = new JdbcCampaigns(db);
        this.steering = new JdbcSteering(db);
        this.notes = new JdbcNotes(db);
        this.lockbox = new JdbcLockbox(db);
        this.objectives = new JdbcObjectives(db);
        this.queue = new TrialQueue(db, this);
        this.claims = new TrialClaims(db, queue, this);
        this.leases = new JdbcLeases(db);
        this.reads = new TrialReads(db);
    }

    private static Jdbc open(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.of(jdbcUrl);
        var pool = SchemaGuard.openPool(jdbcUrl, user, password, dialect);
        try {
            SchemaGuard.migrate(pool, jdbcUrl, dialect);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Jdbc(pool, jdbcUrl, dialect);
    }

    public String url() {
        return db.url();
    }

    @Override
    public Campaign createCampaign(CampaignSpec spec) {
        return campaigns.create(spec);
    }

    @Override
    public Optional<Campaign> campaign(String name) {
        return Optional.ofNullable(db.read(c -> JdbcCampaigns.find(c, name)));
    }

    @Override
    public List<CampaignSummary> campaigns() {
        return campaigns.summaries();
    }

    @Override
    public Trial enqueue(String campaign, Map<String, Object> params, Long confirmOf) {
        return trial(queue.enqueue(campaign, params, confirmOf)).orElseThrow();
    }

    @Override
    public List<Trial> enqueueAll(String campaign, List<Map<String, Object>> params) {
        if (params.isEmpty()) return List.of();
        return reads.byIds(queue.enqueueAll(campaign, params));
    }

    @Override
    public Optional<TrialHandle> claim(long trialId, String worker, String device) {
        return claims.claim(trialId, worker, device);
    }

    @Override
    public Optional<TrialHandle> claimNext(String campaign, String worker, String device) {
        return claims.claimNext(campaign, worker, device);
    }

    @Override
    public Optional<TrialHandle> claimAny(String worker, String device) {
        return claims.claimAny(worker, device);
    }

    @Override
    public CampaignChanges changesSince(String campaign, Instant trialsSince, Instant epochsSince) {
        return reads.changesSince(campaign, trialsSince, epochsSince);
    }

    @Override
    public boolean holdLease(String campaign, String holder, Duration ttl) {
        return leases.holdLease(campaign, holder, ttl);
    }

    @Override
    public void releaseLease(String campaign, String holder) {
        leases.releaseLease(campaign, holder);
    }

    @Override
    public Lease lease(String campaign) {
        return leases.lease(campaign);
    }

    @Override
    public Optional<Trial> trial(long trialId) {
        return Optional.ofNullable(reads.byId(trialId));
    }

    @Override
    public Optional<Trial> trial(String campaign, int number) {
        return Optional.ofNullable(reads.byNumber(campaign, number));
    }

    @Override
    public Page<Trial> trials(TrialQuery query) {
        return reads.page(query);
    }

    @Override
    public Optional<Trial> best(String campaign) {
        return Optional.ofNullable(reads.best(campaign));
    }

    @Override
    public List<Trial> confirmationRuns(String campaign) {
        return reads.confirmationRuns(campaign);
    }

    @Override
    public Map<Long, List<EpochMetrics>> epochs(Collection<Long> trialIds) {
        return reads.epochs(trialIds);
    }

    @Override
    public Map<Long, Map<Objective, Double>> objectiveValues(Collection<Long> trialIds) {
        return objectives.read(trialIds);
    }

    @Override
    public Map<TrialState, Long> countByState(String campaign) {
        return reads.countByState(campaign);
    }

    @Override
    public List<String> sortKeys(String campaign) {
        return reads.sortKeys(campaign);
    }

    @Override
    public Optional<TrialReport> report(long trialId) {
        return Optional.ofNullable(reads.report(trialId));
    }

    @Override
    public List<Trial> reclaimStale(Duration grace, boolean requeue) {
        return queue.reclaimStale(grace, requeue);
    }

    @Override
    public void endCampaign(String name, String reason) {
        campaigns.end(name, reason);
    }

    @Override
    public void reopenCampaign(String name) {
        campaigns.reopen(name);
    }

    @Override
    public boolean pauseCampaign(String name, boolean paused) {
        return steering.pause(name, paused);
    }

    @Override
    public boolean cancelTrial(long trialId, String reason) {
        return steering.cancel(trialId, reason);
    }

    @Override
    public void changeSettings(String name, String settingsJson, Integer budget) {
        steering.changeSettings(name, settingsJson, budget);
    }

    @Override
    public int deleteCampaign(String name) {
        return campaigns.delete(name);
    }

    @Override
    public Note addNote(String campaign, Long trialId, Note.Kind kind, String text) {
        return notes.add(campaign, trialId, kind, text);
    }

    @Override
    public List<Note> notes(String campaign) {
        return notes.list(campaign);
    }

    @Override
    public boolean deleteNote(long id) {
        return notes.delete(id);
    }

    @Override
    public LockboxOpening recordLockbox(String campaign, Long trialId, LockboxOpening.Kind kind, boolean reopening,
                                        LockboxScore score) {
        return lockbox.add(campaign, trialId, kind, reopening, score);
    }

    @Override
    public List<LockboxOpening> lockboxOpenings(String campaign) {
        return lockbox.list(campaign);
    }

    @Override
    public void tolerateOutages(Duration budget, Consumer<String> say) {
        db.outage().configure(budget, say);
    }

    @Override
    public boolean outageWithin(Duration window) {
        return db.outage().within(window);
    }

    @Override
    public void close() {
        db.close();
    }
}
