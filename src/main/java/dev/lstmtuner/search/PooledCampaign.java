package dev.lstmtuner.search;

import dev.lstmtuner.analysis.PooledVsOwn;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.CampaignNames;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.features.PooledWindows;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.TrialHandle;
import dev.lstmtuner.train.ModelBundle;
import dev.lstmtuner.train.NativeRuntime;
import dev.lstmtuner.train.PooledRun;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "One model for all" beside "one model each": an experiment with {@code symbols} and {@code "pooled": true} gets,
 * besides one campaign per symbol, the campaign {@code NAME-pooled} in the same group. Once the symbols' campaigns
 * have ended, its one trial trains {@link PooledRun} with the experiment's config and records the pooled run
 * (its curve and its scaled-target metrics) and, per symbol, that symbol's test predictions as the artifact
 * {@code predictions:SYMBOL} ({@link PooledVsOwn#ARTIFACT_PREFIX}), which {@link PooledVsOwn} reads to compare it with the symbol's best own model.
 */
public final class PooledCampaign {
    private PooledCampaign() {
    }

    /** The experiment's {@code pooled} and {@code symbol_feature} keys checked: both need what they build on. */
    static Experiment.Pooled pooled(Boolean pooled, Boolean symbolFeature, List<Experiment.Symbol> symbols,
                                    String source) {
        if (symbolFeature != null && !Boolean.TRUE.equals(pooled)) {
            throw new BadInputException(source + ": \"symbol_feature\" is a feature of the pooled model; add"
                    + " \"pooled\": true (with \"symbols\") or remove it");
        }
        if (!Boolean.TRUE.equals(pooled)) return null;
        if (symbols.size() < 2) {
            throw new BadInputException(source + ": \"pooled\" trains one model on several symbols, but \"symbols\" "
                    + (symbols.isEmpty() ? "is missing" : "names only one") + "; give \"symbols\" at least two"
                    + " symbols, like {\"BTCUSDT\": \"data/btcusdt_1h.csv\", \"ETHUSDT\": \"data/ethusdt_1h.csv\"}");
        }
        return new Experiment.Pooled(Boolean.TRUE.equals(symbolFeature));
    }

    /** The pooled campaign's name in the group {@code base}. */
    public static String name(String base) {
        return base + "-pooled";
    }

    /** Checks that the pooled windows can be cut (the data of every symbol, the shared boundaries). */
    static void validate(Experiment e, String source) {
        PooledRun.prepare(e.base(), members(e), e.pooled().symbolFeature(), source);
    }

    /** Creates the (not yet trained) pooled campaign of the group {@code base}. */
    public static void create(Store store, Experiment e, String base) {
        RunConfig c = ConfigLoader.withOverrides(e.base(), Map.of("symbol", PooledVsOwn.SYMBOL), "pooled config");
        store.createCampaign(new CampaignSpec(name(base), ConfigLoader.toJson(c), null, "none", "none", 1,
                e.objective(), e.direction(), null, base));
    }

    /**
     * Trains the pooled model as the pooled campaign's one trial and ends the campaign; a failed training is
     * recorded as the trial's failure and said, and never stops the caller.
     *
     * @return whether the trial completed
     */
    public static boolean train(Store store, Experiment e, String base, Path artifacts, PrintWriter out) {
        String campaign = name(base);
        RunConfig c = ConfigLoader.withOverrides(e.base(), Map.of("symbol", PooledVsOwn.SYMBOL), "pooled config");
        out.println("campaign " + campaign + ": one model for all " + e.symbols().size() + " symbols, trained with"
                + " the experiment's config" + (e.pooled().symbolFeature() ? " and a one-hot symbol feature" : ""));
        out.flush();
        PooledWindows.Pooled pooled = PooledRun.prepare(c, members(e), e.pooled().symbolFeature(), campaign);
        TrialHandle h = store.start(campaign, Map.of(), "search-" + ProcessHandle.current().pid(),
                NativeRuntime.device());
        try {
            // a pooled model's test windows are every symbol's: it is never paired with one trial's (PooledVsOwn)
            h.recordProvenance(Provenance.current(ConfigLoader.toJson(c), c.seed(), fingerprint(pooled), null,
                    NativeRuntime.backend(), NativeRuntime.deviceRecord(c)));
            PooledRun.Outcome run = PooledRun.run(c, pooled, h.epochListener(), (ep, b, n, t) -> { });
            Path dir = CampaignNames.artifactDir(artifacts, campaign, 1);
            for (PooledRun.Scored s : run.symbols()) {
                ModelBundle.FileInfo f = ModelBundle.writePredictions(dir.resolve(s.symbol().toLowerCase(Locale.ROOT)),
                        s.evaluation().forecast());
                h.addArtifact(new Artifact(PooledVsOwn.ARTIFACT_PREFIX + s.symbol(), f.path().toString(), f.sha256(), f.bytes()));
            }
            EpochMetrics best = run.result().curve().get(run.result().bestEpoch() - 1);
            h.complete(run.pooled().metrics(), e.objective().ofEpoch(best));
            store.endCampaign(campaign, "pooled model trained");
            return true;
        } catch (RuntimeException failed) {
            StringWriter stack = new StringWriter();
            failed.printStackTrace(new PrintWriter(stack));
            String reason = failed.getMessage() == null ? failed.toString() : failed.getMessage();
            h.fail(reason, stack.toString());
            store.endCampaign(campaign, "pooled model failed: " + reason);
            out.println("campaign " + campaign + ": the pooled model failed: " + reason);
            return false;
        }
    }

    private static List<PooledRun.Member> members(Experiment e) {
        List<PooledRun.Member> out = new ArrayList<>();
        for (Experiment.Symbol s : e.symbols()) out.add(new PooledRun.Member(s.symbol(), s.data()));
        return out;
    }

    /** One fingerprint over every symbol's bars, in order: a change to any symbol's data changes it. */
    private static DataFingerprint.Fingerprint fingerprint(PooledWindows.Pooled p) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
            int rows = 0;
            for (PooledWindows.Member m : p.members()) {
                DataFingerprint.Fingerprint f = DataFingerprint.of(m.series());
                md.update((m.symbol() + ":" + f.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
                first = Math.min(first, f.firstTimeMs());
                last = Math.max(last, f.lastTimeMs());
                rows += f.rows();
            }
            return new DataFingerprint.Fingerprint(HexFormat.of().formatHex(md.digest()), first, last, rows);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
