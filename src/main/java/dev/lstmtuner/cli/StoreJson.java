package dev.lstmtuner.cli;

import dev.lstmtuner.analysis.BestTrial;
import dev.lstmtuner.analysis.Verdict;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.FinalMetrics;
import dev.lstmtuner.result.FoldMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.CampaignSummary;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialReport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --json} shapes of store records, for scripts: snake_case keys, ISO-8601 times, nested config JSON
 * parsed (not a string). Built as maps so the shape is explicit here rather than implied by record accessors.
 */
final class StoreJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StoreJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> campaign(Campaign c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("created_at", iso(c.createdAt()));
        m.put("objective", c.objective());
        m.put("direction", c.direction().label());
        m.put("sampler", c.sampler());
        m.put("pruner", c.pruner());
        m.put("budget", c.budget());
        m.put("config", parse(c.configJson()));
        m.put("space", parse(c.spaceJson()));
        return m;
    }

    /** A campaign with its counts and THE best trial ({@link BestTrial}: the confirmed winner once there is one). */
    static Map<String, Object> summary(CampaignSummary s, Optional<BestTrial> best) {
        Map<String, Object> m = campaign(s.campaign());
        Map<String, Object> counts = new LinkedHashMap<>();
        s.counts().forEach((k, v) -> counts.put(k.name().toLowerCase(Locale.ROOT), v));
        m.put("trials", s.total());
        m.put("trials_by_state", counts);
        m.put("best", best.map(b -> trial(b.trial())).orElse(null));
        m.put("best_confirmed", best.map(BestTrial::confirmed).orElse(false));
        return m;
    }

    static Map<String, Object> trial(Trial t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("campaign", t.campaign());
        m.put("number", t.number());
        m.put("state", t.state().name());
        m.put("objective", t.objective());
        m.put("params", t.params());
        m.put("worker", t.worker());
        m.put("device", t.device());
        m.put("created_at", iso(t.createdAt()));
        m.put("started_at", iso(t.startedAt()));
        m.put("finished_at", iso(t.finishedAt()));
        m.put("heartbeat_at", iso(t.heartbeatAt()));
        m.put("pruned_epoch", t.prunedEpoch());
        m.put("failure_reason", t.failureReason());
        m.put("failure_stack", t.failureStack());
        m.put("requeued_from", t.requeuedFrom());
        m.put("confirm_of", t.confirmOf());
        m.put("metrics", metrics(t.metrics()));
        return m;
    }

    static Map<String, Object> metrics(FinalMetrics f) {
        if (f == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_mae", f.model().mae());
        m.put("test_rmse", f.model().rmse());
        m.put("test_mape", f.model().mape());
        m.put("test_r2", f.model().r2());
        m.put("direction_accuracy", f.model().directionAccuracy());
        m.put("persistence_mae", f.persistence().mae());
        m.put("persistence_rmse", f.persistence().rmse());
        m.put("persistence_mape", f.persistence().mape());
        m.put("persistence_r2", f.persistence().r2());
        m.put("persistence_direction_accuracy", f.persistence().directionAccuracy());
        m.put("skill", f.skill());
        m.put(Objective.VAL_RMSE.key(), f.bestValRmse());
        m.put(Objective.PARAMS.key(), f.params());
        m.put("epochs", f.epochs());
        m.put("best_epoch", f.bestEpoch());
        m.put("training_seconds", f.trainingSeconds());
        m.put("test_windows", f.testWindows());
        m.put("persistence_statistic", f.persistenceStatistic());
        m.put("persistence_p", f.persistencePValue());
        m.put("ridge_rmse", f.ridgeRmse());
        m.put("ridge_p", f.ridgePValue());
        m.put("verdict", Verdict.persistence(f).words());
        m.put("verdict_ridge", Verdict.ridge(f).words());
        m.put("folds", f.folds().stream().map(StoreJson::fold).toList());
        return m;
    }

    static Map<String, Object> fold(FoldMetrics f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fold", f.fold());
        m.put("train_windows", f.trainWindows());
        m.put("val_windows", f.valWindows());
        m.put("test_windows", f.testWindows());
        m.put("test_from", iso(Instant.ofEpochMilli(f.testFromMs())));
        m.put("test_to", iso(Instant.ofEpochMilli(f.testToMs())));
        m.put(Objective.VAL_RMSE.key(), f.bestValRmse());
        m.put(Objective.VAL_LOSS.key(), f.bestValLoss());
        m.put("epochs", f.epochs());
        m.put("best_epoch", f.bestEpoch());
        m.put("test_rmse", f.model().rmse());
        m.put("test_mae", f.model().mae());
        m.put("persistence_rmse", f.persistence().rmse());
        m.put("skill", f.skill());
        m.put("persistence_p", f.persistencePValue());
        m.put("verdict", Verdict.of(Verdict.Baseline.PERSISTENCE, f.skill(), f.persistencePValue()).words());
        m.put("val_block_rmse", f.valBlockRmse());
        return m;
    }

    static Map<String, Object> report(TrialReport r) {
        Map<String, Object> m = trial(r.trial());
        m.put("epochs", r.epochs().stream().map(StoreJson::epoch).toList());
        m.put("artifacts", r.artifacts().stream().map(StoreJson::artifact).toList());
        m.put("provenance", provenance(r.provenance()));
        return m;
    }

    static Map<String, Object> epoch(EpochMetrics e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("train_loss", e.trainLoss());
        m.put("val_loss", e.valLoss());
        m.put("val_rmse", e.valRmse());
        m.put(Objective.VAL_DIRECTION_ACCURACY.key(), Double.isNaN(e.valDirectionAccuracy()) ? null : e.valDirectionAccuracy());
        m.put("duration_ms", e.durationMs());
        m.put("fidelity", e.fidelity());
        return m;
    }

    static Map<String, Object> artifact(Artifact a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", a.kind());
        m.put("path", a.path());
        m.put("sha256", a.sha256());
        m.put("size_bytes", a.sizeBytes());
        return m;
    }

    static Map<String, Object> provenance(Provenance p) {
        if (p == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", p.seed());
        if (p.data() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("sha256", p.data().sha256());
            d.put("first_time", iso(Instant.ofEpochMilli(p.data().firstTimeMs())));
            d.put("last_time", iso(Instant.ofEpochMilli(p.data().lastTimeMs())));
            d.put("rows", p.data().rows());
            m.put("data", d);
        } else {
            m.put("data", null);
        }
        Map<String, Object> tests = null;
        if (p.tests() != null) {
            tests = new LinkedHashMap<>();
            tests.put("sha256", p.tests().sha256());
            tests.put("first_time", iso(Instant.ofEpochMilli(p.tests().firstTimeMs())));
            tests.put("last_time", iso(Instant.ofEpochMilli(p.tests().lastTimeMs())));
            tests.put("windows", p.tests().windows());
        }
        m.put("test_windows", tests);
        m.put("lstm_tuner_version", p.lstmTunerVersion());
        m.put("git_commit", p.gitCommit());
        m.put("java_version", p.javaVersion());
        m.put("dl4j_version", p.dl4jVersion());
        m.put("nd4j_backend", p.nd4jBackend());
        m.put("os", p.os());
        m.put("arch", p.arch());
        m.put("threads", p.threads());
        m.put("host", p.host());
        if (p.device() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("device", p.device().device());
            d.put("layer", p.device().layer());
            d.put("blas_threads", p.device().blasThreads());
            d.put("nd4j_threads", p.device().nd4jThreads());
            d.put("plan", p.device().plan());
            m.put("device", d);
        }
        m.put("config", parse(p.configJson()));
        return m;
    }

    /** Stored JSON text as a tree, so it nests in the output; text that is not JSON stays a string. */
    static Object parse(String json) {
        if (json == null) return null;
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    static List<Map<String, Object>> trials(List<Trial> trials) {
        return trials.stream().map(StoreJson::trial).toList();
    }
}
