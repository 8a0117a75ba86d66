/**
 * Search spaces: JSON files of float, int, categorical and bool parameters with conditions ({@code when}) and
 * {@code max_of} bounds, mapped onto Arbiter parameter spaces; {@link dev.lstmtuner.search.space.SearchSpace} turns a
 * trial's params into run config overrides.
 */
package dev.lstmtuner.search.space;
