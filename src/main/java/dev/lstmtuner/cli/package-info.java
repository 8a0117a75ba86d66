/**
 * The command line (picocli): wires data, features, model, train, search, store and web together. The only package that depends on all others.
 */
package dev.lstmtuner.cli;
