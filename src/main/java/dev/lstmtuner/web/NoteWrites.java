package dev.lstmtuner.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lstmtuner.store.Note;
import dev.lstmtuner.store.Store;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Notes and tags: the only writes the web app makes, off unless the server runs with {@code serve --allow-notes}.
 * A write must come from the app's own pages: its {@code Origin} (or, without one, {@code Sec-Fetch-Site}) must be
 * this server, its body JSON, and its {@code X-CSRF-Token} header the token of this browser, an HMAC (key made at
 * server start) of a random id kept in an HttpOnly, SameSite=Strict cookie. Reading notes is always allowed.
 */
final class NoteWrites {
    static final String COOKIE = "lt_browser";
    static final String HEADER = "X-CSRF-Token";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Store store;
    private final LeaderboardService service;
    private final boolean enabled;
    private final byte[] key = new byte[32];

    NoteWrites(Store store, LeaderboardService service, boolean enabled) {
        this.store = store;
        this.service = service;
        this.enabled = enabled;
        RANDOM.nextBytes(key);
    }

    /** A note as the API shows it (kind in lower case). */
    record NoteRow(long id, String campaign, Long trialId, String kind, String text, String createdAt) {
        static NoteRow of(Note n) {
            return new NoteRow(n.id(), n.campaign(), n.trialId(), n.kind().name().toLowerCase(Locale.ROOT), n.text(),
                    TrialRow.time(n.createdAt()));
        }
    }

    /** Whether writes are on, and this browser's token (setting its cookie on first use). */
    Map<String, Object> session(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("notes_enabled", enabled);
        if (enabled) out.put("csrf_token", token(browserId(ctx)));
        return out;
    }

    List<NoteRow> list(String campaign) {
        service.requireCampaign(campaign);
        return store.notes(campaign).stream().map(NoteRow::of).toList();
    }

    NoteRow add(Context ctx) {
        check(ctx);
        JsonNode body;
        try {
            body = MAPPER.readTree(ctx.body());
        } catch (Exception e) {
            throw ApiException.badParameter("body", "the body must be JSON like {\"campaign\": \"quick\", \"kind\": \"tag\", \"text\": \"keep\"}");
        }
        if (body == null || !body.isObject()) throw ApiException.badParameter("body", "the body must be a JSON object");
        String campaign = body.path("campaign").asText("");
        service.requireCampaign(campaign);
        Note.Kind kind;
        try {
            kind = Note.Kind.valueOf(body.path("kind").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("kind", "'kind' must be note or tag");
        }
        if (store.notes(campaign).size() >= Note.MAX_PER_CAMPAIGN) {
            throw ApiException.status(409, "campaign " + campaign + " already has " + Note.MAX_PER_CAMPAIGN
                    + " notes and tags, the most one campaign keeps: delete some first");
        }
        JsonNode trial = body.get("trial_id");
        Long trialId = trial == null || trial.isNull() ? null : trial.canConvertToLong() ? trial.asLong() : -1L;
        if (trialId != null && trialId < 0) throw ApiException.badParameter("trial_id", "'trial_id' must be a trial id");
        return NoteRow.of(store.addNote(campaign, trialId, kind, body.path("text").asText("")));
    }

    void delete(Context ctx, long id) {
        check(ctx);
        if (!store.deleteNote(id)) throw ApiException.notFound("no note with id " + id);
    }

    /** Refuses a write unless notes are on, it comes from this app's pages and carries this browser's token. */
    void check(Context ctx) {
        if (!enabled) {
            throw ApiException.status(403, "notes are read-only here: start the leaderboard with serve --allow-notes to add them");
        }
        String self = ctx.scheme() + "://" + ctx.host();
        String origin = ctx.header("Origin");
        boolean sameOrigin = origin != null ? origin.equals(self) : "same-origin".equals(ctx.header("Sec-Fetch-Site"));
        if (!sameOrigin) {
            throw ApiException.status(403, "refused a write from another origin (" + (origin == null ? "unknown" : origin)
                    + "): notes can only be added from this leaderboard's own pages");
        }
        String type = ctx.header("Content-Type");
        if (ctx.method().name().equals("POST") && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
            throw ApiException.status(415, "a note is sent as application/json");
        }
        String id = ctx.cookie(COOKIE);
        String sent = ctx.header(HEADER);
        if (id == null || sent == null || !MessageDigest.isEqual(token(id).getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.status(403, "missing or wrong " + HEADER + ": reload the page and try again");
        }
    }

    private String browserId(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null && id.matches("[A-Za-z0-9_-]{20,64}")) return id;
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Cookie c = new Cookie(COOKIE, id);
        c.setHttpOnly(true);
        c.setSameSite(SameSite.STRICT);
        c.setPath("/");
        ctx.cookie(c);
        return id;
    }

    private String token(String browserId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(browserId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
