package dev.lstmtuner.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes small CSV files for tests. */
final class CsvFiles {
    static final String HEADER = "timestamp,open,high,low,close,volume";

    private CsvFiles() {
    }

    static Path write(Path dir, String name, String... lines) {
        try {
            return Files.write(dir.resolve(name), List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Binance spot kline row: open time as written, close time one interval later minus one unit. */
    static String kline(long openTime, String ohlcv) {
        long unit = openTime >= Timestamps.MICROS_THRESHOLD ? 1000 : 1;
        return openTime + "," + ohlcv + "," + (openTime + 3_600_000L * unit - 1) + ",1000.5,42,3.1,300.2,0";
    }
}
