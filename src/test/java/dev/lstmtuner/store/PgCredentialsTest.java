package dev.lstmtuner.store;

import dev.lstmtuner.config.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgCredentialsTest {
    @Test
    void aPasswordInTheStoreUrlIsRefusedAndNotEchoed() {
        assertThatThrownBy(() -> StoreFactory.open("jdbc:postgresql://db:5432/x?user=u&password=s3cret"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("PGPASSWORD")
                .hasMessageContaining("--store-password-env")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void aMissingPasswordVariableIsNamedInTheError() {
        assertThatThrownBy(() -> StoreFactory.open("jdbc:postgresql://db:5432/x", "LSTM_TUNER_NO_SUCH_VAR_42"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("LSTM_TUNER_NO_SUCH_VAR_42");
    }

    @Test
    void anUnreachableServerIsACleanErrorThatSaysWhatToCheck() {
        // port 1 on loopback: nothing listens, the connection is refused at once
        assertThatThrownBy(() -> StoreFactory.open("jdbc:postgresql://127.0.0.1:1/x?user=u&connectTimeout=2"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot open the experiment store")
                .hasMessageContaining("reachable");
    }
}
