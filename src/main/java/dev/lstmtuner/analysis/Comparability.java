package dev.lstmtuner.analysis;

import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Trial;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What a trial forecasts and how it was chosen, for deciding whether two trials can be compared: their test errors
 * may be paired (Diebold–Mariano) only when they forecast the same symbol and target at the same horizon on the same
 * test windows ({@code tests}, when both recorded their fingerprint: trials that loaded different history, a
 * searched {@code from} or {@code history_days}, still pair), else, for trials recorded before test windows were
 * fingerprinted, from the same data ({@code data}, when both recorded one); they may be ranked against each other
 * only when they also share the objective and its direction.
 */
public record Comparability(String symbol, int horizon, String target, DataFingerprint.Fingerprint data,
                            DataFingerprint.TestWindows tests, String objective) {
    /** The words every view starts a refusal with. */
    public static final String NOT_COMPARED = "not compared: ";

    public static Comparability of(Trial t, Campaign c, Provenance p) {
        JsonNode config = TrialConfig.of(t, c, p);
        String target = TrialConfig.text(config, "target");
        // the config the trial ran with decides (its recorded one, else the campaign's with its params laid over)
        return new Comparability(SymbolLabel.of(t, SymbolLabel.of(config)), TrialConfig.horizon(config),
                target == null ? RunConfig.DEFAULTS.target() : target,
                p == null ? null : p.data(), p == null ? null : p.tests(),
                c.objective() + " (" + c.direction().label() + ")");
    }

    /** What makes the two trials' test errors unpairable ("symbol BTCUSDT vs ETHUSDT", ...); empty when none. */
    public List<String> pairingDifferences(Comparability o) {
        List<String> out = new ArrayList<>();
        if (!symbol.equalsIgnoreCase(o.symbol)) out.add("symbol " + symbol + " vs " + o.symbol);
        if (horizon != o.horizon) out.add("horizon " + horizon + " vs " + o.horizon);
        if (!target.equals(o.target)) out.add("target " + target + " vs " + o.target);
        if (tests != null && o.tests != null) {
            if (!tests.sha256().equals(o.tests.sha256())) out.add("test windows " + tests + " vs " + o.tests);
        } else if (data != null && o.data != null && !data.sha256().equals(o.data.sha256())) {
            out.add("data " + data + " vs " + o.data);
        }
        return out;
    }

    /** As {@link #pairingDifferences}, and the objective: what makes one trial's rank meaningless beside the other's. */
    public List<String> rankingDifferences(Comparability o) {
        List<String> out = pairingDifferences(o);
        if (!objective.equals(o.objective)) out.add("objective " + objective + " vs " + o.objective);
        return out;
    }

    /**
     * The refusal of a Diebold–Mariano pairing, in the words every view shows ("not compared: symbol BTCUSDT vs
     * ETHUSDT (#3 of a and #4 of b forecast different things …)"); null when the errors may be paired.
     */
    public static String refusal(Trial a, Comparability ca, Trial b, Comparability cb) {
        List<String> d = ca.pairingDifferences(cb);
        if (d.isEmpty()) return null;
        return NOT_COMPARED + String.join("; ", d) + " (#" + a.number() + " of " + a.campaign() + " and #" + b.number()
                + " of " + b.campaign() + " forecast different things, so their test errors cannot be paired; compare"
                + " trials of the same symbol, target, horizon and test windows)";
    }
}
