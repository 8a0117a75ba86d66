package dev.lstmtuner.web;

import dev.lstmtuner.store.ArtifactRoot;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who may reach the leaderboard and what it may read: the host names it answers to (loopback, the bind address,
 * and each {@code --allowed-host}), the token a request must carry (null: none, only for loopback or with an
 * explicit {@code --no-auth}), and the artifacts root every file it serves must lie under.
 */
public record WebAccess(String bindHost, List<String> allowedHosts, byte[] token, ArtifactRoot artifacts) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public WebAccess {
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        token = token == null ? null : token.clone();
    }

    /** Loopback only, no token, artifacts anywhere: what tests and {@link LeaderboardServer#create(dev.lstmtuner.store.Store)} use. */
    public static WebAccess local() {
        return new WebAccess(LeaderboardServer.LOOPBACK, List.of(), null, ArtifactRoot.UNCONFINED);
    }

    /**
     * Whether {@code host} is a loopback address, judged on the parsed address: {@code 127.0.0.1}, any
     * {@code 127/8}, {@code ::1} and {@code localhost}, but not {@code 127.example.com}. Names are never looked up.
     */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) return true;
        if (!IPV4.matcher(h).matches() && !h.contains(":")) return false; // a name: only a literal is judged
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether the bind address is a wildcard (every interface): then it is no name a browser could use. */
    static boolean isWildcard(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
    }

    /**
     * Whether a {@code Host} (or an Origin's host part) names this server: loopback by name or address, the bind
     * address, or an allowed host, on the port the server listens on (an allowed host may also name its own port,
     * for a proxy in front).
     */
    boolean accepts(String hostAndPort, int localPort) {
        if (hostAndPort == null || hostAndPort.isBlank()) return false;
        String hp = hostAndPort.trim().toLowerCase(Locale.ROOT);
        if (allowedHosts.contains(hp)) return true; // NAME:PORT as given
        String host;
        int port;
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            if (close < 0) return false;
            host = hp.substring(0, close + 1);
            String rest = hp.substring(close + 1);
            port = rest.isEmpty() ? 80 : rest.startsWith(":") ? parsePort(rest.substring(1)) : -1;
        } else {
            int colon = hp.lastIndexOf(':');
            if (colon >= 0 && hp.indexOf(':') != colon) return false; // a bare IPv6 literal is not a valid Host
            host = colon < 0 ? hp : hp.substring(0, colon);
            port = colon < 0 ? 80 : parsePort(hp.substring(colon + 1));
        }
        if (port != localPort) return false;
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (host.equals("localhost") || host.equals("127.0.0.1") || bare.equals("::1")) return true;
        String bind = bindHost.toLowerCase(Locale.ROOT);
        if (!isWildcard(bind) && (bare.equals(bind) || host.equals(bind))) return true;
        return allowedHosts.contains(host) || allowedHosts.contains(bare);
    }

    private static int parsePort(String s) {
        if (!s.matches("\\d{1,5}")) return -1;
        return Integer.parseInt(s);
    }
}
