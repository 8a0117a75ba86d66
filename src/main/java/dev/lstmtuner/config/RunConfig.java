package dev.lstmtuner.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Everything one training run needs, flat so that any key can be searched, shown as a leaderboard column, and
 * written back as a file that {@code train --config} accepts unchanged. JSON keys are snake_case.
 * Defaults live in {@link #DEFAULTS}; a config file names only the keys it changes.
 */
@JsonPropertyOrder(alphabetic = false)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunConfig(
        /* data */
        @JsonProperty("data") String data,                 // CSV path; null = the bundled Bitstamp BTC/USD minutes
        @JsonProperty("symbol") String symbol,             // label only (leaderboard, multi-symbol view)
        @JsonProperty("gap_policy") String gapPolicy,      // fail | skip-windows
        @JsonProperty("max_rows") Integer maxRows,         // keep only the last N rows (null = all)
        @JsonProperty("from") String from,                 // first day (ISO date or instant, UTC) kept; null = start
        @JsonProperty("to") String to,                     // last day kept (inclusive); null = end
        /* features and windows */
        @JsonProperty("features") List<String> features,
        @JsonProperty("target") String target,             // log_return | close
        @JsonProperty("horizon") int horizon,              // predict close at t + horizon
        @JsonProperty("time_steps") int timeSteps,
        @JsonProperty("split") List<Double> split,         // train, val, test fractions (chronological)
        @JsonProperty("scaler") String scaler,             // standard | minmax
        /* model */
        @JsonProperty("model") String model,               // the model family: see FAMILIES
        @JsonProperty("layer_impl") String layerImpl,      // lstm: fast | stock (DL4J's LSTM layer)
        @JsonProperty("units") List<Integer> units,        // one entry per recurrent / attention layer, 1..4 layers
        @JsonProperty("dropout") double dropout,           // fraction DROPPED (0 = none), as users mean it
        @JsonProperty("l2") double l2,
        @JsonProperty("batch_norm") boolean batchNorm,
        @JsonProperty("bidirectional") boolean bidirectional,
        @JsonProperty("dense_units") int denseUnits,       // 0 = no dense hidden layer
        @JsonProperty("trees") int trees,                  // forest: number of trees
        @JsonProperty("max_depth") int maxDepth,           // forest: depth limit of each tree
        @JsonProperty("heads") int heads,                  // transformer: attention heads per layer
        @JsonProperty("head_size") int headSize,           // transformer: projection size of each head
        /* training */
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("max_epochs") int maxEpochs,
        @JsonProperty("patience") int patience,            // early stopping on val loss; 0 = off
        @JsonProperty("min_delta") double minDelta,        // an improvement smaller than this does not reset patience
        @JsonProperty("min_delta_mode") String minDeltaMode, // relative (fraction of the best val loss) | absolute
        @JsonProperty("clip_norm") double clipNorm,        // gradient L2-norm clipping per layer; 0 = off
        @JsonProperty("seed") long seed,
        @JsonProperty("threads") int threads,
        /* evaluation */
        @JsonProperty("evaluation") Evaluation evaluation, // walk-forward folds; {"folds": 1} = the single split
        @JsonProperty("lockbox") Lockbox lockbox,          // the last bars, held out of selection; null = none
        @JsonProperty("history_days") Integer historyDays, // days trained on before the dev/test boundary; null = all
        @JsonProperty("fidelity") List<FidelityStep> fidelity) { // early epochs on the recent windows; null = all

    /** The default feature set: OHLCV-derived returns plus the indicators the tutorial uses (20 features). */
    public static final List<String> DEFAULT_FEATURES = List.of(
            "log_return_1", "log_return_5", "hl_range", "body", "log_volume_change", "volatility_20",
            "sma_ratio_10", "sma_ratio_30", "ema_ratio_12", "ema_ratio_26", "rsi_14", "macd", "macd_signal",
            "macd_hist", "bb_percent_b_20", "bb_bandwidth_20", "atr_14", "stoch_k_14", "obv_change", "volume_z_20");

    public static final RunConfig DEFAULTS = new RunConfig(
            null, null, "skip-windows", null, null, null,
            DEFAULT_FEATURES, "log_return", 1, 60, List.of(0.70, 0.15, 0.15), "standard",
            "lstm", "fast", List.of(128, 64, 32), 0.2, 0.0, false, false, 16, 100, 8, 4, 16,
            1e-3, 64, 100, 15, 0.0, "relative", 1.0, 42L, 1,
            Evaluation.SINGLE_SPLIT, null, null, null);

    /** Every {@code model} value: the recurrent networks, the attention encoder, and the non-neural baselines. */
    public static final List<String> FAMILIES = List.of("lstm", "gru", "rnn", "transformer", "linear", "forest");
    /** The non-neural families (fitted by dev.lstmtuner.baseline, no DL4J). */
    public static final List<String> BASELINES = List.of("linear", "forest");
    /** The families whose layers are recurrent (each may be bidirectional). */
    public static final List<String> RECURRENT = List.of("lstm", "gru", "rnn");

    /** The {@code from}/{@code to} range (validated when the config was loaded). */
    public DateRange dateRange() {
        return DateRange.parse(from, to, "config");
    }

    /** The smallest val-loss decrease, below {@code best}, that counts as an improvement for early stopping. */
    public double minImprovement(double best) {
        return "absolute".equals(minDeltaMode) ? minDelta : minDelta * Math.abs(best);
    }

    /**
     * How a configuration is judged (nested walk-forward, see features/WalkForward): on {@code folds} folds whose
     * validation blocks share out the validation split, then, for k > 1, a refit on the development region that
     * scores the test split; {@code scheme} expanding (each fold trains from the first bar) or sliding (each fold
     * trains on as many bars as the first). One fold is the single chronological split. {@code embargo} bars are
     * left out between regions on top of the purge of horizon - 1.
     */
    @JsonPropertyOrder({"folds", "scheme", "embargo"})
    public record Evaluation(@JsonProperty("folds") int folds, @JsonProperty("scheme") String scheme,
                             @JsonProperty("embargo") int embargo) {
        public static final Evaluation SINGLE_SPLIT = new Evaluation(1, "expanding");

        public Evaluation(int folds, String scheme) {
            this(folds, scheme, 0);
        }
    }

    /**
     * The lockbox: the last bars, from the day {@code from} (UTC) or the last {@code fraction} of the rows, held out
     * of every trial and scored once, on the confirmed winner, when the campaign ends (see features/Lockbox).
     */
    @JsonPropertyOrder({"from", "fraction"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Lockbox(@JsonProperty("from") String from, @JsonProperty("fraction") Double fraction) {
    }

    public int layers() {
        return units.size();
    }
}
