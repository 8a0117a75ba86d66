package dev.lstmtuner.analysis;

import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Artifact;
import dev.lstmtuner.store.ArtifactRoot;
import dev.lstmtuner.store.Page;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.store.TrialQuery;
import dev.lstmtuner.store.TrialReport;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign-wide verdicts read from a store: the COMPLETE sampled trials (confirmation runs left out), their
 * test predictions artifacts, the SPA test over them and the per-trial Holm verdicts it gates. Reads every such
 * trial's predictions file once: call it at the end of a search, for {@code best} and the report, and cache it in
 * the web app. A predictions path the store records outside the artifacts root is not read (the trial counts as
 * without predictions), as everywhere a recorded path is opened ({@link ArtifactRoot}).
 */
public record CampaignVerdicts(CampaignVerdict campaign, Map<Integer, TrialVerdicts.TrialVerdict> trials,
                               int withoutPredictions) {
    private static final int PAGE = 5000;

    /** For the CLI's own store and artifacts: every recorded path is read. */
    public static CampaignVerdicts of(Store store, String campaignName) {
        return of(store, campaignName, ArtifactRoot.UNCONFINED);
    }

    /** Reads only the predictions files that resolve under {@code root}. */
    public static CampaignVerdicts of(Store store, String campaignName, ArtifactRoot root) {
        List<Trial> complete = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            Page<Trial> page = store.trials(TrialQuery.of(campaignName).state(TrialState.COMPLETE).sortBy("number")
                    .descending(false).page(PAGE, offset));
            for (Trial t : page.items()) if (t.confirmOf() == null && t.metrics() != null) complete.add(t);
            if (page.items().size() < PAGE) break;
        }
        List<TestForecast> forecasts = new ArrayList<>();
        int missing = 0;
        for (Trial t : complete) {
            Optional<TestForecast> f = store.report(t.id()).flatMap(r -> forecast(r, root));
            if (f.isPresent()) forecasts.add(f.get());
            else missing++;
        }
        CampaignVerdict verdict = CampaignVerdict.of(forecasts);
        return new CampaignVerdicts(verdict, TrialVerdicts.of(complete, verdict), missing);
    }

    /** The trial's verdict, or empty when it is not one of the campaign's COMPLETE sampled trials. */
    public Optional<TrialVerdicts.TrialVerdict> trial(int number) {
        return Optional.ofNullable(trials.get(number));
    }

    /** The direction test of a trial, when its predictions were read. */
    public Optional<CampaignVerdict.Direction> direction(int number) {
        return Optional.ofNullable(campaign.direction().get(number));
    }

    private static Optional<TestForecast> forecast(TrialReport r, ArtifactRoot root) {
        try {
            Optional<Path> file = r.artifacts().stream().filter(a -> a.kind().equals(Predictions.ARTIFACT_KIND))
                    .map(Artifact::path).map(root::resolve).flatMap(Optional::stream).findFirst();
            if (file.isEmpty()) return Optional.empty();
            return Optional.of(new TestForecast(r.trial().number(), horizon(r), Predictions.read(file.get())));
        } catch (RuntimeException unreadableOrOutsideRoot) {
            // counted as without predictions; one damaged (or foreign) file does not sink the verdict
            return Optional.empty();
        }
    }

    private static int horizon(TrialReport r) {
        if (r.provenance() == null || r.provenance().configJson() == null) return 1;
        try {
            JsonNode h = ConfigLoader.mapper().readTree(r.provenance().configJson()).get("horizon");
            return h != null && h.canConvertToInt() && h.asInt() >= 1 ? h.asInt() : 1;
        } catch (Exception e) {
            return 1;
        }
    }
}
