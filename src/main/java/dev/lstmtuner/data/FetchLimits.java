package dev.lstmtuner.data;

/**
 * What one fetch may take from a mirror, so that a hostile or broken server (a zip bomb, an endless line, a file of
 * a million entries) ends in exit 2 naming the limit instead of an OutOfMemoryError. The defaults hold years of
 * 1-minute klines: a month of BTCUSDT 1m is about 2 MB zipped and 5 MB unzipped.
 *
 * @param downloadBytes     most bytes of one downloaded file
 * @param uncompressedBytes most bytes unzipped from one symbol's files together
 * @param zipEntries        most entries in one zip (a dump has one)
 * @param lineChars         most characters in one CSV line (a kline row is about 100)
 */
public record FetchLimits(long downloadBytes, long uncompressedBytes, int zipEntries, int lineChars) {
    public static final FetchLimits DEFAULT = new FetchLimits(64L << 20, 256L << 20, 16, 4096);
}
