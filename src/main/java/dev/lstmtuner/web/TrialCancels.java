package dev.lstmtuner.web;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.search.Steering;
import dev.lstmtuner.store.Store;
import dev.lstmtuner.store.Trial;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Cancelling a trial from the leaderboard ({@code POST /api/trials/{id}/cancel}): a write, so behind the same guard
 * as notes ({@link NoteWrites#check}: serve --allow-notes, this origin, this browser's token, and the server's
 * token when it has one).
 */
final class TrialCancels {
    private final Store store;
    private final NoteWrites guard;

    TrialCancels(Store store, NoteWrites guard) {
        this.store = store;
        this.guard = guard;
    }

    Map<String, Object> cancel(Context ctx, long trialId) {
        guard.check(ctx);
        Trial t = store.trial(trialId).orElseThrow(() -> ApiException.notFound("no trial with id " + trialId));
        Trial now;
        try {
            now = Steering.cancel(store, t, "the leaderboard");
        } catch (BadInputException finished) {
            throw ApiException.status(409, finished.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", now.id());
        out.put("campaign", now.campaign());
        out.put("number", now.number());
        out.put("state", now.state().name().toLowerCase(Locale.ROOT));
        return out;
    }
}
