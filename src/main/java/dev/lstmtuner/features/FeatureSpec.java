package dev.lstmtuner.features;

import dev.lstmtuner.config.BadInputException;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed feature name: its kind and, for parameterised kinds, the length suffix ({@code rsi_14} is kind
 * {@code rsi}, n 14). Parsing comes before any computation so that a typo fails fast.
 */
record FeatureSpec(String name, String kind, int n) {

    /** Kinds that take no suffix. */
    static final List<String> PLAIN = List.of("hl_range", "body", "log_volume_change", "macd", "macd_signal",
            "macd_hist", "obv_change", "hour_sin", "hour_cos", "dow_sin", "dow_cos", "close", "log_close");

    /** Kinds that need a length suffix {@code _<n>}; obv_change takes one optionally (default 20). */
    static final List<String> SUFFIXED = List.of("log_return", "volatility", "sma_ratio", "ema_ratio", "rsi",
            "bb_percent_b", "bb_bandwidth", "atr", "stoch_k", "stoch_d", "obv_change", "cci", "williams_r", "roc",
            "volume_z");

    /** Kinds whose statistic is a spread (std, mean deviation): a window of one bar is meaningless. */
    private static final Set<String> NEED_TWO = Set.of("volatility", "bb_percent_b", "bb_bandwidth", "volume_z", "cci");

    static final int OBV_DEFAULT_N = 20;
    private static final int MAX_N = 100_000;
    private static final Pattern SUFFIX = Pattern.compile("([a-z_]+?)_(\\d+)");

    static FeatureSpec parse(String name) {
        if (name == null) throw new BadInputException("features: a feature name is null; " + known());
        if (name.equals("obv_change")) return new FeatureSpec(name, "obv_change", OBV_DEFAULT_N);
        if (PLAIN.contains(name)) return new FeatureSpec(name, name, 0);
        Matcher m = SUFFIX.matcher(name);
        if (m.matches() && SUFFIXED.contains(m.group(1))) {
            String kind = m.group(1);
            int n;
            try {
                n = Integer.parseInt(m.group(2));
            } catch (NumberFormatException e) {
                n = -1;
            }
            int min = NEED_TWO.contains(kind) ? 2 : 1;
            if (n < min || n > MAX_N) {
                throw new BadInputException("features: \"" + name + "\" has length " + m.group(2) + "; " + kind
                        + "_<n> needs n in " + min + ".." + MAX_N);
            }
            return new FeatureSpec(name, kind, n);
        }
        if (SUFFIXED.contains(name)) {
            throw new BadInputException("features: \"" + name + "\" needs a length suffix, e.g. \"" + name + "_14\"; "
                    + known());
        }
        throw new BadInputException("features: unknown feature \"" + name + "\"; " + known());
    }

    static String known() {
        StringBuilder sb = new StringBuilder("known features: ");
        sb.append(String.join(", ", PLAIN));
        for (String k : SUFFIXED) sb.append(", ").append(k).append("_<n>");
        return sb.toString();
    }
}
