package dev.lstmtuner.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The default data, offline: ~100k real Bitstamp BTC/USD trades (2013-11-25..12-01) shipped in
 * {@code org.ta4j:ta4j-examples:0.18}, aggregated to 1-minute OHLCV bars. A minute without trades becomes a flat
 * zero-volume bar at the last price, as exchanges publish them, so the series has no gaps.
 */
public final class BundledData {
    public static final String RESOURCE = "bitstamp_trades_from_20131125_usd.csv";
    public static final String SOURCE =
            "bundled: Bitstamp BTC/USD trades 2013-11-25..12-01 (ta4j-examples 0.18), 1-minute bars";
    static final long MINUTE_MS = 60_000L;

    private BundledData() {
    }

    /** Parsed once per JVM (lazy holder); callers must not modify the arrays. */
    public static Series series() {
        return Holder.SERIES;
    }

    private static final class Holder {
        static final Series SERIES = read();
    }

    private static Series read() {
        InputStream raw = BundledData.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IllegalStateException("classpath resource " + RESOURCE + " is missing: the build must include "
                    + "org.ta4j:ta4j-examples:0.18 (it carries the bundled data)");
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            return aggregate(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Trades {@code timestamp(seconds),price,amount}, ascending, after a header line -> 1-minute bars. */
    static Series aggregate(BufferedReader in) throws IOException {
        in.readLine();   // header
        int cap = 16_384, n = -1;
        long[] t = new long[cap];
        double[] o = new double[cap], h = new double[cap], l = new double[cap], c = new double[cap], v = new double[cap];
        boolean traded = false;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            int a = line.indexOf(','), b = line.indexOf(',', a + 1);
            long minute = Long.parseLong(line, 0, a, 10) * 1000 / MINUTE_MS * MINUTE_MS;
            double price = Double.parseDouble(line.substring(a + 1, b));
            double amount = Double.parseDouble(line.substring(b + 1));
            if (n >= 0 && minute < t[n]) throw new IllegalStateException(RESOURCE + " is not in time order");
            // close any minutes without trades with flat zero-volume bars, then open this trade's minute
            while (n < 0 || t[n] < minute) {
                if (n + 1 == t.length) {
                    cap *= 2;
                    t = Arrays.copyOf(t, cap);
                    o = Arrays.copyOf(o, cap);
                    h = Arrays.copyOf(h, cap);
                    l = Arrays.copyOf(l, cap);
                    c = Arrays.copyOf(c, cap);
                    v = Arrays.copyOf(v, cap);
                }
                boolean first = n < 0;
                n++;
                t[n] = first ? minute : t[n - 1] + MINUTE_MS;
                double last = first ? price : c[n - 1];
                o[n] = h[n] = l[n] = c[n] = last;
                traded = false;
            }
            if (!traded) {   // the minute's first trade opens its bar
                o[n] = h[n] = l[n] = price;
                traded = true;
            }
            h[n] = Math.max(h[n], price);
            l[n] = Math.min(l[n], price);
            c[n] = price;
            v[n] += amount;
        }
        int size = n + 1;
        return new Series(SOURCE, MINUTE_MS, Arrays.copyOf(t, size), Arrays.copyOf(o, size), Arrays.copyOf(h, size),
                Arrays.copyOf(l, size), Arrays.copyOf(c, size), Arrays.copyOf(v, size), List.of());
    }
}
