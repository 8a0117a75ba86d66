package dev.lstmtuner.store;

import java.util.List;

/**
 * One page of a sorted query, the total number of matching rows, and where the next page starts ({@code next}: the
 * position of the page's last row, null when no row follows it).
 */
public record Page<T>(List<T> items, long total, int offset, int limit, TrialPosition next) {
}
