/**
 * Reading and validating OHLCV price series (CSV, Binance kline dumps, the bundled Bitstamp data): every bad row is reported with file, line and column; gaps in the time grid are found and reported, never filled silently.
 */
package dev.lstmtuner.data;
