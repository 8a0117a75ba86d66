package dev.lstmtuner.store;

import dev.lstmtuner.data.Series;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Identifies the exact data a trial saw: SHA-256 over the normalized series (time, open, high, low, close, volume of
 * every bar, big-endian), its first and last bar time, and its row count. Two runs with equal fingerprints trained on
 * the same numbers, whatever file they were read from.
 */
public record DataFingerprint(String sha256, long firstTimeMs, long lastTimeMs, long rows) {

    public static DataFingerprint of(Series s) {
        MessageDigest md = Artifact.newDigest();
        ByteBuffer row = ByteBuffer.allocate(6 * 8);
        for (int i = 0; i < s.size(); i++) {
            row.clear();
            row.putLong(s.timeMs()[i]).putDouble(s.open()[i]).putDouble(s.high()[i]).putDouble(s.low()[i])
                    .putDouble(s.close()[i]).putDouble(s.volume()[i]);
            md.update(row.array());
        }
        long first = s.size() == 0 ? 0 : s.timeMs()[0];
        long last = s.size() == 0 ? 0 : s.timeMs()[s.size() - 1];
        return new DataFingerprint(HexFormat.of().formatHex(md.digest()), first, last, s.size());
    }
}
