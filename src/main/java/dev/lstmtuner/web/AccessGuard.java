package dev.lstmtuner.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The first before-handler: a request whose {@code Host} is not one of {@link WebAccess}'s names gets 421 (a page on
 * a rebinding domain sends its own name), a write whose {@code Origin} is not gets 403, and when the server has a
 * token every request but the login page must carry it, as the cookie the login page sets or as
 * {@code Authorization: Bearer}, compared in constant time.
 */
final class AccessGuard {
    static final String COOKIE = "lt_session";
    static final String LOGIN = "/login";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final WebAccess access;
    private final byte[] session;
    private final byte[] tokenHash;

    AccessGuard(WebAccess access) {
        this.access = access;
        this.tokenHash = access.token() == null ? null : sha256(access.token());
        this.session = access.token() == null ? null : sha256(concat("lstm-tuner session:".getBytes(StandardCharsets.UTF_8), access.token()));
    }

    void check(Context ctx) {
        int port = ctx.req().getLocalPort();
        String host = ctx.header("Host");
        if (!access.accepts(host, port)) {
            String name = host == null ? "" : host.replaceFirst(":\\d+$", "");
            throw ApiException.status(421, "this leaderboard does not answer to the name '" + printable(host)
                    + "' (a page on another site may be trying to reach it through DNS rebinding); open it as http://127.0.0.1:"
                    + port + "/, or, if you reach this machine by that name on purpose, restart serve with --allowed-host "
                    + printable(name));
        }
        if (!SAFE.contains(ctx.method().name())) {
            String origin = ctx.header("Origin");
            if (origin != null && !access.accepts(authority(origin), port)) {
                throw ApiException.status(403, "refused a write from another origin ('" + printable(origin) + "', not this "
                        + "leaderboard): if the pages are served under that name on purpose, restart serve with "
                        + "--allowed-host NAME for it");
            }
        }
        if (tokenHash == null || ctx.path().equals(LOGIN)) return;
        if (authorized(ctx)) return;
        if (ctx.path().startsWith("/api/")) {
            throw ApiException.status(401, "this leaderboard needs its token: sign in at " + LOGIN
                    + " in a browser, or send 'Authorization: Bearer <the contents of --token-file>'");
        }
        ctx.redirect(LOGIN);
        ctx.skipRemainingHandlers();
    }

    private boolean authorized(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return MessageDigest.isEqual(sha256(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8)), tokenHash);
        }
        String cookie = ctx.cookie(COOKIE);
        if (cookie == null) return false;
        byte[] sent;
        try {
            sent = Base64.getUrlDecoder().decode(cookie);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sent, session);
    }

    /** The login page: a form posting the token (no script, so the page works under the CSP). */
    void loginPage(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(page(""));
    }

    void login(Context ctx) {
        String sent = ctx.formParam("token");
        if (tokenHash == null) {
            ctx.redirect("/");
            return;
        }
        if (sent == null || !MessageDigest.isEqual(sha256(sent.trim().getBytes(StandardCharsets.UTF_8)), tokenHash)) {
            ctx.status(401).contentType("text/html; charset=utf-8")
                    .result(page("<p>Wrong token: paste the contents of the file serve was started with (--token-file).</p>"));
            return;
        }
        Cookie c = new Cookie(COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(session));
        c.setHttpOnly(true);
        c.setSameSite(SameSite.STRICT);
        c.setPath("/");
        c.setSecure("https".equals(ctx.scheme()));
        ctx.cookie(c);
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static String page(String message) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>lstm-tuner: sign in</title></head>"
                + "<body><h1>lstm-tuner leaderboard</h1>" + message
                + "<form method=\"post\" action=\"" + LOGIN + "\"><label>Token <input type=\"password\" name=\"token\" "
                + "autocomplete=\"current-password\" required></label> <button type=\"submit\">Sign in</button></form>"
                + "<p>The token is the contents of the file passed to <code>serve --token-file</code>.</p></body></html>";
    }

    /** {@code host:port} of an Origin, the port made explicit; null if it is not an http(s) origin. */
    static String authority(String origin) {
        try {
            URI u = new URI(origin);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) return null;
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            return u.getHost() + ":" + port;
        } catch (Exception e) {
            return null;
        }
    }

    /** A header value safe to echo: at most 100 characters, controls shown as '?'. */
    static String printable(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(100).forEach(c -> b.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return b.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
