package dev.lstmtuner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GroupsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anLstmNetworkWithTheGruCellIsTheGruFamilyWhetherTheCellIsSearchedOrConfigured() throws Exception {
        JsonNode lstm = JSON.readTree("{\"model\": \"lstm\", \"cell\": \"lstm\"}");
        JsonNode gruCell = JSON.readTree("{\"model\": \"lstm\", \"cell\": \"gru\"}");
        assertThat(Groups.family(Map.of(), lstm)).isEqualTo("lstm");
        assertThat(Groups.family(Map.of("cell", "gru"), lstm)).isEqualTo("gru");
        assertThat(Groups.family(Map.of(), gruCell)).isEqualTo("gru");
        assertThat(Groups.family(Map.of("model", "linear"), lstm)).isEqualTo("linear");
        assertThat(Groups.family(Map.of("model", "gru"), lstm)).isEqualTo("gru");
        assertThat(Groups.family(Map.of(), null)).isEqualTo("lstm");
    }
}
