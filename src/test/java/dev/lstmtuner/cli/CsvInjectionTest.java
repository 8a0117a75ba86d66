package dev.lstmtuner.cli;

import dev.lstmtuner.store.CampaignSpec;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.StoreFactory;
import dev.lstmtuner.store.TrialHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `export --format csv` opens in a spreadsheet as text: no cell a user's campaign wrote runs as a formula. */
class CsvInjectionTest {
    @TempDir
    Path dir;

    @Test
    void everyFormulaStartIsDefusedAndNegativeNumbersStayNumbers() {
        String url = dir.resolve("store").toString();
        try (Store s = StoreFactory.open(url)) {
            s.createCampaign(CampaignSpec.single("inj", "{}"));
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("a_eq", "=HYPERLINK(\"http://evil.example\",\"x\")");
            params.put("b_plus", "+1+1");
            params.put("c_at", "@SUM(A1)");
            params.put("d_tab", "\t=1");
            params.put("e_cr", "\r=1");
            params.put("f_minus", "-2+3");
            params.put("g_neg", -0.5);
            TrialHandle h = s.start("inj", params, "w", "cpu");
            h.fail("=cmd|' /C calc'!A0", null);
        }
        TrainCommandTest.Result r = TrainCommandTest.run("export", "inj", "--format", "csv", "--store", url);
        assertThat(r.code()).as(r.err()).isZero();
        String row = r.out(); // the quoted carriage return splits the row in two for lines(): read it whole
        assertThat(row).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",")
                .contains(",'+1+1,").contains(",'@SUM(A1),").contains(",'\t=1,").contains(",'-2+3,")
                .contains(",-0.5,").contains("'=cmd|' /C calc'!A0");
        assertThat(r.out()).contains("\"'\r=1\"");
        assertThat(row).doesNotContain(",=").doesNotContain(",+1").doesNotContain(",@").doesNotContain(",\t");
    }
}
