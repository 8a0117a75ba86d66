package dev.lstmtuner.web;

import dev.lstmtuner.analysis.diagnosis.DiagnosisKind;
import dev.lstmtuner.analysis.CampaignVerdicts;
import dev.lstmtuner.analysis.TestMetricSort;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.TrialState;
import dev.lstmtuner.store.Store;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaderboard web app: static pages from the classpath folder {@code web/}, ECharts from its WebJar, and a
 * JSON API that only reads the store, except notes and tags when created with {@code allowNotes} ({@link NoteWrites}).
 * Build it with {@link #create}, then {@code start(host, port)}.
 */
public final class LeaderboardServer {
    /** How long reads are cached: polling browsers cost the store at most one query per key per second. */
    public static final long DEFAULT_TTL_MS = 1_000;
    /** The default bind address: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Most trials one epochs request may ask for. */
    public static final int MAX_CURVES = 10;

    private LeaderboardServer() {
    }

    /**
     * Creates and starts the server (what {@code serve} calls); warns on {@code warnings} when bound to anything but
     * loopback without a token ({@code --no-auth}). {@code allowNotes} lets the pages add notes and tags.
     */
    public static Javalin serve(Store store, String host, int port, PrintStream warnings, boolean allowNotes, WebAccess access) {
        if (!WebAccess.isLoopback(host) && access.token() == null) {
            warnings.println("warning: the leaderboard listens on " + host + " with --no-auth, so anyone who can reach "
                    + "this machine can read every campaign" + (allowNotes ? " and add notes" : "")
                    + "; use --token-file FILE, or --bind 127.0.0.1 to keep it local");
        }
        return create(store, DEFAULT_TTL_MS, allowNotes, access).start(host, port);
    }

    public static Javalin create(Store store) {
        return create(store, DEFAULT_TTL_MS);
    }

    public static Javalin create(Store store, long ttlMs) {
        return create(store, ttlMs, false);
    }

    /** With {@code allowNotes}, the pages may add and remove notes and tags (see {@link NoteWrites}). */
    public static Javalin create(Store store, long ttlMs, boolean allowNotes) {
        return create(store, ttlMs, allowNotes, WebAccess.local());
    }

    /** As above, answering only to {@code access}'s host names and token, serving files only under its root. */
    public static Javalin create(Store store, long ttlMs, boolean allowNotes, WebAccess access) {
        LeaderboardService service = new LeaderboardService(store, ttlMs, access.artifacts());
        NoteWrites notes = new NoteWrites(store, service, allowNotes);
        TrialCancels cancels = new TrialCancels(store, notes);
        AccessGuard guard = new AccessGuard(access);
        TrialDetails details = new TrialDetails(service);
        Comparison comparison = new Comparison(service, details);
        CampaignCharts charts = new CampaignCharts(service);
        SymbolTable symbols = new SymbolTable(service);
        PooledTable pooled = new PooledTable(service);
        FamilyTable families = new FamilyTable(service);
        CampaignCurves curves = new CampaignCurves(service);
        ParetoTable pareto = new ParetoTable(service);

        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true; // POST to a GET route is a wrong method, not a missing page
            config.staticFiles.add("/web", Location.CLASSPATH);
            config.staticFiles.enableWebjars();
            config.jsonMapper(new JavalinJackson().updateMapper(m ->
                    m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)));
        });
        app.before(guard::check); // first: Host, Origin and token, before any handler reads the store
        app.get(AccessGuard.LOGIN, guard::loginPage);
        app.post(AccessGuard.LOGIN, guard::login);
        app.before(ctx -> {
            // data is only ever inserted as text by the pages; the policy is a second line of defence
            // no framing (clickjacking), no <base> rewriting, forms post only here, and no URL leaks in Referer
            ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        app.get("/api/campaigns", ctx -> ctx.json(service.campaigns(ctx.queryParam("symbol"))));
        app.get("/api/campaign", ctx -> {
            String name = RequestParams.required(ctx, "name");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("campaign", service.campaign(name));
            out.put("params", service.paramNames(name));
            out.put("sort_keys", service.sortKeys(name));
            out.put("confirmations", service.confirmations(name));
            out.put("diagnosis_kinds", Arrays.stream(DiagnosisKind.values()).map(DiagnosisKind::key).toList());
            CampaignVerdicts verdicts = service.verdicts(name);
            out.put("campaign_verdict", verdicts.campaign().words());
            out.put("campaign_verdict_beats", verdicts.campaign().beats());
            out.put("test_metrics", TestMetricSort.KEYS);
            out.put("test_sort_warning", TestMetricSort.WARNING);
            out.put("lockbox", service.lockbox(name));
            out.put("headline", service.headline(name));
            ctx.json(out);
        });
        app.get("/api/trials", ctx -> ctx.json(service.trials(trialsRequest(ctx))));
        app.get("/api/trials.csv", ctx -> {
            TrialsRequest r = trialsRequest(ctx).page(TrialsCsv.MAX_ROWS, 0);
            ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(r.campaign()) + "-trials.csv\"");
            ctx.contentType("text/csv; charset=utf-8").result(TrialsCsv.of(service.trialsForDownload(r)));
        });
        app.get("/api/trials/{id}/artifacts/{index}", ctx -> {
            long id = RequestParams.pathId(ctx, "id");
            Path file = details.artifact(id, RequestParams.pathInt(ctx, "index"));
            ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(file.getFileName().toString()) + "\"");
            ctx.contentType("application/octet-stream").result(Files.newInputStream(file));
        });
        app.get("/api/trials/{id}", ctx -> ctx.json(details.detail(RequestParams.pathId(ctx, "id"))));
        app.get("/api/trials/{id}/predictions", ctx -> {
            long id = RequestParams.pathId(ctx, "id");
            int max = RequestParams.intParam(ctx, "max", 2_000, 10, 100_000);
            ctx.json(PredictionsView.of(id, details.predictions(id), max));
        });
        app.get("/api/epochs", ctx -> ctx.json(details.epochs(RequestParams.ids(ctx, "ids", 1, MAX_CURVES))));
        app.get("/api/compare", ctx -> ctx.json(comparison.compare(RequestParams.ids(ctx, "ids", 2, 4),
                RequestParams.longParam(ctx, "pin"))));
        app.get("/api/dm", ctx -> ctx.json(comparison.dmOnly(RequestParams.ids(ctx, "ids", 2, 2))));
        app.get("/api/charts", ctx -> ctx.json(charts.charts(trialsRequest(ctx))));
        app.get("/api/curves", ctx -> ctx.json(curves.curves(trialsRequest(ctx))));
        app.get("/api/timeline", ctx -> ctx.json(curves.timeline(trialsRequest(ctx))));
        app.get("/api/pareto", ctx -> ctx.json(pareto.view(RequestParams.required(ctx, "campaign"))));
        app.get("/api/symbols", ctx -> ctx.json(symbols.rows(ctx.queryParam("group"))));
        app.get("/api/pooled", ctx -> ctx.json(pooled.comparisons(ctx.queryParam("group"))));
        app.get("/api/ab", ctx -> ctx.json(AbView.of(service, RequestParams.required(ctx, "campaign"))));
        app.get("/api/families", ctx -> ctx.json(families.view(ctx.queryParam("campaign"), ctx.queryParam("group"),
                ctx.queryParam("symbol"))));
        app.get("/api/session", ctx -> ctx.json(notes.session(ctx)));
        app.post("/api/trials/{id}/cancel", ctx -> ctx.json(cancels.cancel(ctx, RequestParams.pathId(ctx, "id"))));
        app.get("/api/notes", ctx -> ctx.json(notes.list(RequestParams.required(ctx, "campaign"))));
        app.post("/api/notes", ctx -> ctx.status(201).json(notes.add(ctx)));
        app.delete("/api/notes/{id}", ctx -> {
            notes.delete(ctx, RequestParams.pathId(ctx, "id"));
            ctx.status(204);
        });

        app.exception(ApiException.class, (e, ctx) -> {
            Map<String, Object> body = new HashMap<>();
            body.put("error", e.getMessage());
            if (e.parameter() != null) body.put("parameter", e.parameter());
            ctx.status(e.status()).json(body);
        });
        app.exception(BadInputException.class, (e, ctx) ->
                ctx.status(400).json(Map.of("error", e.getMessage())));
        return app;
    }

    /** The {@code diagnosis} filter (null when absent); 400 naming the known kinds when it is not one. */
    static DiagnosisKind diagnosis(Context ctx) {
        String d = ctx.queryParam("diagnosis");
        if (d == null || d.isBlank()) return null;
        return DiagnosisKind.byKey(d).orElseThrow(() -> ApiException.badParameter("diagnosis",
                "unknown diagnosis '" + d + "': use one of " + DiagnosisKind.keys()));
    }

    /** A name safe inside a Content-Disposition header. */
    static String fileName(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static TrialsRequest trialsRequest(Context ctx) {
        String campaign = RequestParams.required(ctx, "campaign");
        String sort = ctx.queryParam("sort");
        if (sort != null && sort.isBlank()) sort = null;
        int limit = RequestParams.intParam(ctx, "limit", 50, 1, 1_000);
        Boolean descending = RequestParams.descending(ctx);
        TrialState state = RequestParams.state(ctx);
        int offset = RequestParams.intParam(ctx, "offset", 0, 0, Cursor.MAX_OFFSET);
        String cursor = ctx.queryParam("cursor");
        Cursor.Start start = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, sort, descending, state);
        Map<String, Double[]> ranges = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            String k = e.getKey();
            boolean min = k.startsWith("min."), max = k.startsWith("max.");
            if (!min && !max) continue;
            String key = k.substring(4);
            Double v = RequestParams.doubleParam(ctx, k);
            if (v == null) continue;
            Double[] r = ranges.computeIfAbsent(key, x -> new Double[2]);
            r[min ? 0 : 1] = v;
        }
        String symbol = ctx.queryParam("symbol");
        return new TrialsRequest(campaign, sort, descending, state, symbol == null || symbol.isBlank() ? null
                : symbol.trim(), ranges, diagnosis(ctx), limit, start != null ? start.offset() : offset, start != null ? start.after() : null);
    }
}
