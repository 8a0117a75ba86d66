package dev.lstmtuner.data;

/** A validated series (already cut to max_rows and checked against the gap policy) and its report. */
public record LoadedData(Series series, DataReport report) {
}
