/**
 * The run configuration (one trial's complete, resolved settings) and its JSON loading with strict validation.
 * A leaf package: every other package may read a {@link dev.lstmtuner.config.RunConfig}; it depends on none of them.
 */
package dev.lstmtuner.config;
