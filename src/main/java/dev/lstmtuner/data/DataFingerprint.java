package dev.lstmtuner.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies the data a run used by content, not by file: SHA-256 over each bar's open time and its five values
 * (as {@link Double#doubleToLongBits}), in order. The same bars read from either CSV layout, or written with
 * different number formatting, give the same fingerprint; the source label does not enter it.
 */
public final class DataFingerprint {
    private DataFingerprint() {
    }

    public record Fingerprint(String sha256, long firstTimeMs, long lastTimeMs, int rows) {
        /** e.g. {@code sha256:ab12cd34… 9603 rows 2013-11-25T00:00:00Z..2013-12-01T16:02:00Z}. */
        @Override
        public String toString() {
            return "sha256:" + sha256.substring(0, 8) + "… " + rows + " rows " + Intervals.iso(firstTimeMs) + ".."
                    + Intervals.iso(lastTimeMs);
        }
    }

    /**
     * The test windows a trial is scored on, by content: SHA-256 over the horizon, the target, and each target bar of
     * the test region (its open time, its close and the close {@code horizon} bars before, which the target is
     * derived from). Bars before the test region do not enter it: trials that load more or less history ({@code
     * from}, {@code history_days}) or cut other windows (time_steps) but score the same test targets agree.
     */
    public record TestWindows(String sha256, long firstTimeMs, long lastTimeMs, int windows) {
        /** e.g. {@code sha256:ab12cd34… 1310 test windows 2024-11-06T01:00:00Z..2024-12-31T23:00:00Z}. */
        @Override
        public String toString() {
            return "sha256:" + sha256.substring(0, 8) + "… " + windows + " test windows " + Intervals.iso(firstTimeMs)
                    + ".." + Intervals.iso(lastTimeMs);
        }
    }

    /** The test windows whose target bars are {@code from} (inclusive) to {@code to} (exclusive) of {@code s}. */
    public static TestWindows ofTest(Series s, int from, int to, int horizon, String target) {
        MessageDigest md = sha256();
        md.update((horizon + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
        ByteBuffer buf = ByteBuffer.allocate(24 * 1024);
        for (int i = from; i < to; i++) {
            if (buf.remaining() < 24) flush(md, buf);
            buf.putLong(s.timeMs()[i]);
            buf.putLong(bits(s.close()[i]));
            buf.putLong(i >= horizon ? bits(s.close()[i - horizon]) : 0L);
        }
        flush(md, buf);
        int n = Math.max(0, to - from);
        return new TestWindows(HexFormat.of().formatHex(md.digest()), n == 0 ? 0 : s.timeMs()[from],
                n == 0 ? 0 : s.timeMs()[to - 1], n);
    }

    public static Fingerprint of(Series s) {
        MessageDigest md = sha256();
        ByteBuffer buf = ByteBuffer.allocate(48 * 1024);
        for (int i = 0; i < s.size(); i++) {
            if (buf.remaining() < 48) flush(md, buf);
            buf.putLong(s.timeMs()[i]);
            buf.putLong(bits(s.open()[i]));
            buf.putLong(bits(s.high()[i]));
            buf.putLong(bits(s.low()[i]));
            buf.putLong(bits(s.close()[i]));
            buf.putLong(bits(s.volume()[i]));
        }
        flush(md, buf);
        int n = s.size();
        return new Fingerprint(HexFormat.of().formatHex(md.digest()), n == 0 ? 0 : s.timeMs()[0],
                n == 0 ? 0 : s.timeMs()[n - 1], n);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** -0.0 + 0.0 is +0.0: a volume written "-0" must not change the fingerprint. */
    private static long bits(double d) {
        return Double.doubleToLongBits(d + 0.0);
    }

    private static void flush(MessageDigest md, ByteBuffer buf) {
        buf.flip();
        md.update(buf);
        buf.clear();
    }
}
