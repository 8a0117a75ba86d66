package dev.lstmtuner.web;

import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.TrialPosition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Opaque page cursors: base64url JSON naming the listing they belong to (sort key, order, state) and where the next
 * page starts. On an unfiltered leaderboard that is a keyset position (the last row's sort value and tie-breaker),
 * so a deep page costs what the first costs and rows inserted meanwhile neither repeat nor skip rows already listed.
 * Filtered pages (symbol, ranges) are cut from an in-memory scan of the whole campaign anyway, so their cursor is
 * the next offset into that scan. Either way the cursor carries how many rows come before its page (for "51-100 of
 * N"). A cursor used with another sort, order or state is refused, since its position means nothing there.
 */
final class Cursor {
    /** The largest offset a request may ask for: offset + limit (at most 1000) stays an int, so the next cursor is valid. */
    static final int MAX_OFFSET = Integer.MAX_VALUE - 1_000_000;
    private static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    /** Where a cursor's page starts: after a position (null for an offset cursor), with {@code offset} rows before it. */
    record Start(TrialPosition after, int offset) {
    }

    /** The JSON inside a cursor; short names keep URLs short. */
    record Body(int v, String s, Boolean d, String st, Integer r, Double x, String t, Long n, int o) {
    }

    private Cursor() {
    }

    /** The cursor of the page after {@code r}'s: after {@code position} (null: at {@code offset}), {@code offset} rows in. */
    static String encode(TrialsRequest r, TrialPosition position, int offset) {
        Body b = position == null
                ? new Body(VERSION, r.sort(), r.descending(), stateName(r.state()), null, null, null, null, offset)
                : new Body(VERSION, r.sort(), r.descending(), stateName(r.state()), position.rankClass(),
                position.value(), position.text(), position.tie(), offset);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MAPPER.writeValueAsBytes(b));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cursor did not serialize: " + e.getOriginalMessage(), e);
        }
    }

    /** The start of the page {@code cursor} points at, checked against the request's sort, order and state. */
    static Start decode(String cursor, String sort, Boolean descending, TrialState state) {
        Body b;
        try {
            b = MAPPER.readValue(Base64.getUrlDecoder().decode(cursor.trim()), Body.class);
        } catch (IllegalArgumentException | IOException e) {
            throw notOurs();
        }
        if (b == null) throw notOurs();
        boolean keyset = b.r() != null;
        if (b.v() != VERSION || b.o() < 0 || b.o() > MAX_OFFSET
                || keyset && (b.r() < 0 || b.r() > 5 || b.n() == null || b.x() != null && !Double.isFinite(b.x()))
                || !keyset && (b.x() != null || b.t() != null || b.n() != null)) {
            throw notOurs();
        }
        if (!Objects.equals(b.s(), sort) || !Objects.equals(b.d(), descending)
                || !Objects.equals(b.st(), stateName(state))) {
            throw ApiException.badParameter("cursor", "'cursor' belongs to the listing sorted by "
                    + (b.s() == null ? "the objective" : "'" + b.s() + "'") + ", order " + order(b.d()) + ", state "
                    + (b.st() == null ? "all" : b.st().toLowerCase(Locale.ROOT))
                    + ": send it with that sort, order and state, or drop it to start from the first page");
        }
        return new Start(keyset ? new TrialPosition(b.r(), b.x(), b.t(), b.n()) : null, b.o());
    }

    private static ApiException notOurs() {
        return ApiException.badParameter("cursor", "'cursor' is not a cursor this server gave out: use next_cursor from a previous page");
    }

    private static String stateName(TrialState s) {
        return s == null ? null : s.name();
    }

    private static String order(Boolean descending) {
        return descending == null ? "best first" : descending ? "desc" : "asc";
    }
}
