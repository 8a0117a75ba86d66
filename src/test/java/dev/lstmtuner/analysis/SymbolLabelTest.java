package dev.lstmtuner.analysis;

import dev.lstmtuner.result.Direction;
import dev.lstmtuner.store.Trial;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolLabelTest {
    private static String of(String config) {
        return SymbolLabel.of(Trials.campaign("c", config, "val_rmse", Direction.MINIMIZE));
    }

    @Test
    void theConfigsSymbolWinsThenTheDataFileThenTheBundledData() {
        assertThat(of("{\"symbol\":\"ETHUSDT\",\"data\":\"data/btcusdt_1h.csv\"}")).isEqualTo("ETHUSDT");
        assertThat(of("{\"data\":\"data/btcusdt_1h.csv\"}")).isEqualTo("BTCUSDT");
        assertThat(of("{\"data\":\"C:\\\\prices\\\\solusdt-15m.csv\"}")).isEqualTo("SOLUSDT");
        assertThat(of("{\"data\":\"../shared/data/bnb.csv\"}")).isEqualTo("BNB");
        // the bundled Bitstamp sample, whatever view asks (the old report said "BTCUSD (bundled Bitstamp)", the
        // leaderboard "BTC")
        assertThat(of("{}")).isEqualTo(SymbolLabel.BUNDLED).isEqualTo("BTCUSD");
        assertThat(of("not json")).isEqualTo("BTCUSD");
    }

    @Test
    void aTrialsOwnSymbolParamOverridesItsCampaigns() {
        Trial t = Trials.complete(1, 1, 1.0, null, null);
        Map<String, Object> params = new LinkedHashMap<>(t.params());
        params.put("symbol", "BNBUSDT");
        Trial withSymbol = new Trial(t.id(), t.campaignId(), t.campaign(), t.number(), t.state(), params, t.objective(),
                t.worker(), t.device(), t.createdAt(), t.startedAt(), t.finishedAt(), t.heartbeatAt(), null, null,
                null, null, null, t.metrics());
        var c = Trials.campaign("c", "{\"symbol\":\"BTCUSDT\"}", "val_rmse", Direction.MINIMIZE);
        assertThat(SymbolLabel.of(withSymbol, c)).isEqualTo("BNBUSDT");
        assertThat(SymbolLabel.of(t, c)).isEqualTo("BTCUSDT");
    }
}
