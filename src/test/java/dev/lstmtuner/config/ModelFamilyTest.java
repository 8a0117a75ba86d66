package dev.lstmtuner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFamilyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSearchedModelOverridesTheConfiguredOneAndTheGruCellMakesAnLstmAGru() throws Exception {
        JsonNode linear = JSON.readTree("{\"model\": \"linear\"}");
        JsonNode gruCell = JSON.readTree("{\"model\": \"lstm\", \"cell\": \"gru\"}");
        assertThat(ModelFamily.of(Map.of(), linear)).isEqualTo("linear");
        assertThat(ModelFamily.of(Map.of("model", "forest"), linear)).isEqualTo("forest");
        assertThat(ModelFamily.of(Map.of(), gruCell)).isEqualTo("gru");
        assertThat(ModelFamily.of(Map.of("cell", "lstm"), gruCell)).isEqualTo("lstm");
        assertThat(ModelFamily.of(Map.of("model", "LSTM", "cell", "GRU"), null)).isEqualTo("gru");
        // the cell belongs to the recurrent network: a configured GRU cell leaves a searched linear model linear
        assertThat(ModelFamily.of(Map.of("model", "linear"), gruCell)).isEqualTo("linear");
        assertThat(ModelFamily.of(Map.of("model", "rnn"), null)).isEqualTo("rnn");
    }

    @Test
    void aTrialThatNamesNoModelIsAnLstm() throws Exception {
        assertThat(ModelFamily.of(Map.of(), null)).isEqualTo(ModelFamily.DEFAULT).isEqualTo("lstm");
        assertThat(ModelFamily.of(null, JSON.readTree("{\"model\": null, \"cell\": \"\"}"))).isEqualTo("lstm");
        assertThat(ModelFamily.of(Map.of("model", " "), JSON.readTree("{}"))).isEqualTo("lstm");
    }
}
