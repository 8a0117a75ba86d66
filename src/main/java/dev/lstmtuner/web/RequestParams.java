package dev.lstmtuner.web;

import dev.lstmtuner.result.TrialState;

import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Typed reads of query and path parameters; anything malformed is a 400 naming the parameter. */
final class RequestParams {
    private RequestParams() {
    }

    static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) throw ApiException.badParameter(name, "query parameter '" + name + "' is required");
        return v;
    }

    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw ApiException.badParameter(name, "'" + name + "' must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    static Double doubleParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return null;
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + name + "' must be a number, got '" + v + "'");
        }
    }

    static long pathId(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + name + "' must be a trial id (a whole number), got '" + v + "'");
        }
    }

    static int pathInt(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    /** An optional trial id; null when absent. */
    static Long longParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return null;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + name + "' must be a trial id (a whole number), got '" + v + "'");
        }
    }

    /** Comma-separated trial ids, between {@code min} and {@code max} distinct ones. */
    static List<Long> ids(Context ctx, String name, int min, int max) {
        String v = required(ctx, name);
        LinkedHashSet<Long> ids = new LinkedHashSet<>();
        for (String part : v.split(",")) {
            if (part.isBlank()) continue;
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw ApiException.badParameter(name, "'" + name + "' must be comma-separated trial ids, got '" + part.trim() + "'");
            }
        }
        if (ids.size() < min || ids.size() > max) {
            throw ApiException.badParameter(name, "'" + name + "' must list " + (min == max ? min : min + " to " + max)
                    + " distinct trial ids, got " + ids.size());
        }
        return new ArrayList<>(ids);
    }

    static TrialState state(Context ctx) {
        String v = ctx.queryParam("state");
        if (v == null || v.isBlank() || v.equalsIgnoreCase("all")) return null;
        try {
            return TrialState.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("state", "'state' must be one of waiting, running, complete, pruned, failed, cancelled, got '" + v + "'");
        }
    }

    /** asc / desc, or null for the key's natural (best-first) order. */
    static Boolean descending(Context ctx) {
        String v = ctx.queryParam("order");
        if (v == null || v.isBlank()) return null;
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw ApiException.badParameter("order", "'order' must be asc or desc, got '" + v + "'");
        };
    }
}
