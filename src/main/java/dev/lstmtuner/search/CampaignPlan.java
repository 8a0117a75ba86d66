package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.FidelityStep;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.search.pruner.Pruner;
import dev.lstmtuner.search.pruner.Pruners;
import dev.lstmtuner.search.sampler.Sampler;
import dev.lstmtuner.store.Campaign;

import java.util.List;
import java.util.Map;

/**
 * A stored campaign made runnable: its experiment (base config with this campaign's data, space, sampler, pruner,
 * objective, budget, seed) rebuilt from the JSON the campaign keeps, so any worker that can reach the store can
 * join it with nothing but the campaign's name.
 */
public record CampaignPlan(Campaign campaign, Experiment experiment, RunConfig base, Sampler sampler, Pruner pruner) {

    public static CampaignPlan of(Campaign c) {
        if (c.settingsJson() == null) {
            // train's runs and a group's pooled model keep no experiment: there is no space to sample from
            throw new BadInputException("campaign " + c.name() + " is one training run (from `train`, or a symbols"
                    + " group's pooled model), not a search: there is nothing to resume or join");
        }
        Experiment e = ExperimentLoader.parse(c.settingsJson(), "campaign " + c.name(), null);
        RunConfig base = ConfigLoader.parse(c.configJson(), "campaign " + c.name() + " (config)");
        Sampler sampler = MultiObjective.sampler(e);
        Pruner pruner = Pruners.byName(e.pruner(), e.prunerOptions());
        return new CampaignPlan(c, e, base, sampler, pruner);
    }

    /** The full config of a trial with these sampled params, with the pruner's fidelity schedule for its epochs. */
    public RunConfig configFor(Map<String, Object> params, int trialNumber) {
        RunConfig c = ConfigLoader.withOverrides(base, experiment.space().toConfigOverrides(params),
                campaign.name() + " trial " + trialNumber);
        List<FidelityStep> schedule = pruner.fidelitySchedule(c.maxEpochs());
        return schedule == null ? c : ConfigLoader.withOverrides(c, Map.of("fidelity", schedule),
                campaign.name() + " trial " + trialNumber + " (the pruner's fidelity schedule)");
    }
}
