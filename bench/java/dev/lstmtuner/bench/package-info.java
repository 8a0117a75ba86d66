/** Benchmarks (not tests): each class has a main that prints its figures. Run with {@code bench/run <Class>}. */
package dev.lstmtuner.bench;
