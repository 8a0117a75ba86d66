package dev.lstmtuner.data;

/** One parsed data row, remembering its 1-based line and the timestamp as written (for messages). */
record CsvRow(int line, String rawTime, long timeMs, double open, double high, double low, double close,
              double volume) {
}
