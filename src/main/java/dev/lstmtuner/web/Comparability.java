package dev.lstmtuner.web;

import dev.lstmtuner.data.DataFingerprint;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether two trials' test errors may be paired for a Diebold–Mariano test: they must forecast the same symbol at
 * the same horizon from the same data (fingerprint, when both recorded one). {@link #difference} names what differs,
 * null when they are comparable.
 */
record Comparability(String symbol, int horizon, DataFingerprint.Fingerprint data) {

    static String difference(Trial a, Comparability ca, Trial b, Comparability cb) {
        List<String> out = new ArrayList<>();
        if (!ca.symbol().equalsIgnoreCase(cb.symbol())) {
            out.add("symbol " + ca.symbol() + " vs " + cb.symbol());
        }
        if (ca.horizon() != cb.horizon()) {
            out.add("horizon " + ca.horizon() + " vs " + cb.horizon());
        }
        if (ca.data() != null && cb.data() != null && !ca.data().sha256().equals(cb.data().sha256())) {
            out.add("data " + ca.data() + " vs " + cb.data());
        }
        if (out.isEmpty()) return null;
        return "#" + a.number() + " (" + a.campaign() + ") and #" + b.number() + " (" + b.campaign()
                + ") forecast different things: " + String.join("; ", out)
                + ", so their test errors cannot be paired; compare trials of the same symbol, horizon and data";
    }
}
