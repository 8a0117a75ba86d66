package dev.lstmtuner.data;

import dev.lstmtuner.config.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A file in another encoding is named as such, with the command that converts it. */
class CsvEncodingTest {
    @TempDir
    Path dir;

    private static final String CSV = "timestamp,open,high,low,close,volume\n"
            + "2022-01-01T00:00:00Z,10,11,9,10.5,100\n2022-01-01T01:00:00Z,10,11,9,10.6,100\n";

    @Test
    void utf16WithAByteOrderMarkIsNamed() throws Exception {
        Path f = Files.write(dir.resolve("excel.csv"), ("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> CsvLoader.load(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("excel.csv").hasMessageContaining("UTF-16LE")
                .hasMessageContaining("iconv -f UTF-16 -t UTF-8").hasMessageNotContaining("Input length");
    }

    @Test
    void utf16WithoutAByteOrderMarkIsNamed() throws Exception {
        Path f = Files.write(dir.resolve("be.csv"), CSV.getBytes(StandardCharsets.UTF_16BE));
        assertThatThrownBy(() -> CsvLoader.load(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("UTF-16BE");
    }

    @Test
    void latin1BytesAreNamedAsNotUtf8() throws Exception {
        Path f = Files.write(dir.resolve("latin.csv"), (CSV + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvLoader.load(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("latin.csv: not UTF-8 text").hasMessageContaining("iconv")
                .hasMessageNotContaining("Input length");
    }
}
