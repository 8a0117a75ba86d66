package dev.lstmtuner.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page cursors. A cursor is the next page's offset, so a client can page with {@code next_cursor} without
 * doing arithmetic; it is not a keyset cursor (rows inserted meanwhile shift pages, as with offsets).
 */
final class Cursor {
    /** The largest offset a request may ask for: offset + limit (at most 1000) stays an int, so the next cursor is valid. */
    static final int MAX_OFFSET = Integer.MAX_VALUE - 1_000_000;

    private Cursor() {
    }

    static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("o:")) throw new IllegalArgumentException();
            int off = Integer.parseInt(s.substring(2));
            if (off < 0 || off > MAX_OFFSET) throw new IllegalArgumentException();
            return off;
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("cursor", "'cursor' is not a cursor this server gave out: use next_cursor from a previous page");
        }
    }
}
