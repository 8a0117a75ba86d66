package dev.lstmtuner.report;

import dev.lstmtuner.analysis.diagnosis.Diagnoses;
import dev.lstmtuner.analysis.diagnosis.Diagnosis;
import dev.lstmtuner.analysis.diagnosis.DiagnosisKind;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.result.EpochMetrics;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Trial;
import dev.lstmtuner.analysis.Predictions;
import dev.lstmtuner.analysis.SymbolLabel;
import dev.lstmtuner.analysis.TrialTests;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS, charts as inline SVG, no script at all (a
 * Content-Security-Policy forbids scripts and any network load), every recorded text escaped.
 */
public final class HtmlReport {
    private static final int PREDICTION_WINDOWS = 300;
    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1480px;color:#1d2330;padding:0 16px}
            h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #d5d9e0}h3{font-size:15px}
            table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid #e3e6eb;text-align:right;vertical-align:top}
            th{background:#f3f5f8}td.text,th.text{text-align:left}td.params{text-align:left;font-family:monospace;font-size:12px;min-width:240px}
            td.verdict{text-align:left;min-width:210px}.wide{overflow-x:auto}
            .delta{color:#667;font-size:12px;display:block}.better{color:#17803d}.worse{color:#b3261e}
            .flag{color:#b3261e;font-weight:600}.ok{color:#17803d}.muted{color:#667}
            svg.chart{width:100%;max-width:760px;height:auto;border:1px solid #e3e6eb;margin:6px 0}
            svg .title{font-size:13px;font-weight:600}svg .tick{font-size:11px;fill:#445}svg .note{font-size:11px;fill:#b3261e}
            svg .grid{stroke:#eceef2}svg .axis{stroke:#889}svg .marker{stroke:#b3261e;stroke-dasharray:3 3}svg .shade{fill:#fbe9e7}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px}dt{color:#556}dd{margin:0;font-family:monospace;word-break:break-all}
            """;

    private HtmlReport() {
    }

    public static String render(Report r) {
        StringBuilder h = new StringBuilder();
        String names = String.join(", ", r.campaigns().stream().map(p -> p.campaign().name()).toList());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>lstm-tuner report: ").append(Text.html(names)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        h.append("<h1>lstm-tuner report: ").append(Text.html(names)).append("</h1>");
        h.append("<p class=\"muted\">Generated ").append(Text.time(r.generatedAt())).append(" by lstm-tuner ")
                .append(Text.html(r.version())).append(". Every score is beside persistence (next price = last price) on the same test windows;"
                        + " \"beats persistence\" needs a positive skill and a Diebold–Mariano p &lt; 0.05 after Holm's correction across the campaign's COMPLETE trials (raw p beside it), and no trial when the campaign-wide SPA test finds none; the direction test is Pesaran–Timmermann against a coin with the base rates, Holm-corrected the same way.</p>\n");
        summary(h, r);
        leaderboards(h, r);
        AbSection.html(h, r.plans());
        ab(h, r);
        ParetoSection.html(h, r.fronts());
        groups(h, "symbols", "By symbol", "Best trial per symbol (chosen by the objective on validation in the campaign's direction, never a test metric).",
                "symbol", r.symbols(), r.tests());
        PooledSection.html(h, r.pooled());
        groups(h, "families", "By model family", "Best trial per model family (chosen by the objective on validation) on the same windows, split and scalers.",
                "family", r.families(), r.tests());
        h.append("<h2>Trials in detail</h2>");
        for (Report.Focus f : r.focus()) focus(h, f, r.tests());
        return h.append("\n</body></html>\n").toString();
    }

    private static void summary(StringBuilder h, Report r) {
        h.append("<h2>Campaigns</h2><table id=\"campaigns\"><thead><tr><th class=\"text\">campaign</th><th class=\"text\">symbol / data</th>")
                .append("<th class=\"text\">sampler / pruner</th><th class=\"text\">objective</th><th>trials</th>")
                .append("<th class=\"text\">by state</th><th class=\"text\">best</th><th class=\"text\">best vs persistence</th></tr></thead><tbody>");
        for (Report.CampaignPart p : r.campaigns()) {
            Campaign c = p.campaign();
            Trial best = p.best() == null ? null : p.best().trial();
            h.append("<tr><td class=\"text\">").append(Text.html(c.name())).append("</td><td class=\"text\">")
                    .append(Text.html(dataOf(c))).append("</td><td class=\"text\">").append(Text.html(c.sampler() + " / " + c.pruner()))
                    .append("</td><td class=\"text\">").append(Text.html(c.objective() + " (" + c.direction().label() + ")"))
                    .append("</td><td>").append(p.total()).append("</td><td class=\"text\">").append(Text.html(counts(p)))
                    .append("</td><td class=\"text\">").append(best == null ? "–" : Text.html(best.label() + " " + c.objective() + " "
                            + Text.num(best.objective()) + (p.best().confirmed() ? " (confirmed winner)" : "")))
                    .append("</td><td class=\"text\">").append(best == null ? "–" : Text.html(r.tests().persistence(best))).append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static String dataOf(Campaign c) {
        String cfg = c.configJson() == null ? "" : c.configJson();
        try {
            JsonNode n = ConfigLoader.mapper().readTree(cfg.isBlank() ? "{}" : cfg);
            String data = n.path("data").isTextual() ? n.get("data").asText() : "bundled Bitstamp BTC/USD";
            return SymbolLabel.of(n) + " · " + data;
        } catch (Exception e) {
            return "–";
        }
    }

    private static String counts(Report.CampaignPart p) {
        List<String> parts = new ArrayList<>();
        p.counts().forEach((s, n) -> {
            if (n > 0) parts.add(n + " " + s.name().toLowerCase(Locale.ROOT));
        });
        return String.join(", ", parts);
    }

    private static void leaderboards(StringBuilder h, Report r) {
        h.append("<h2>Leaderboard</h2>");
        int i = 0;
        for (Report.CampaignPart p : r.campaigns()) {
            h.append("<h3>").append(Text.html(p.campaign().name())).append(" — top ").append(p.top().size())
                    .append(" of ").append(p.total()).append("</h3>");
            for (String line : p.headline()) h.append("<p class=\"verdict\">").append(Text.html(line)).append("</p>");
            h.append("<div class=\"wide\"><table class=\"leaderboard\" id=\"leaderboard-").append(i++).append("\"><thead><tr><th>#</th>")
                    .append("<th class=\"text\">trial</th><th class=\"text\">state</th><th>objective</th>");
            headings(h);
            h.append("<th class=\"text\">vs persistence</th><th class=\"text\">params</th></tr></thead><tbody>");
            int rank = 1;
            for (Trial t : p.top()) {
                h.append("<tr><td>").append(rank++).append("</td><td class=\"text\">").append(Text.html(t.label()))
                        .append("</td><td class=\"text\">").append(Text.state(t)).append("</td><td>").append(Text.num(t.objective())).append("</td>");
                Map<String, Double> v = Columns.values(t);
                for (Columns.Column c : Columns.METRICS) {
                    h.append("<td>").append(cell(c, v.get(c.metric().key()))).append("</td>");
                    if (c.metric() == Objective.DIRECTION_ACCURACY) directionTest(h, r, t);
                }
                h.append("<td class=\"verdict\">").append(Text.html(t.metrics() != null ? r.tests().persistence(t)
                        : t.failureReason() != null ? t.failureReason() : "–")).append("</td><td class=\"params\">")
                        .append(Text.html(Text.params(t.params()))).append("</td></tr>");
            }
            h.append("</tbody></table></div>\n");
            if (p.best() != null) {
                h.append("<p class=\"best\">").append(Text.html(Text.best(p.best()))).append("</p><ul class=\"confirmation\">");
                for (String line : p.best().sentences()) h.append("<li>").append(Text.html(line)).append("</li>");
                h.append("</ul>\n");
            }
        }
    }

    /** The metric headings, the direction test's beside the direction accuracy. */
    private static void headings(StringBuilder h) {
        for (Columns.Column c : Columns.METRICS) {
            h.append("<th>").append(Text.html(c.heading())).append("</th>");
            if (c.metric() == Objective.DIRECTION_ACCURACY) h.append("<th class=\"text\">direction test</th>");
        }
    }

    private static void directionTest(StringBuilder h, Report r, Trial t) {
        String kind = r.tests().direction(t).map(d -> d.kindName()).orElse("untested");
        h.append("<td class=\"verdict").append(kind.equals("better") ? " good" : "").append("\" data-direction=\"")
                .append(kind).append("\">").append(Text.html(r.tests().directionCell(t))).append("</td>");
    }

    private static String cell(Columns.Column c, Double v) {
        return switch (c.metric()) {
            case DIRECTION_ACCURACY -> Text.pct(v);
            case TRAINING_SECONDS -> Text.seconds(v);
            case EPOCHS -> v == null ? "–" : String.valueOf(Math.round(v));
            default -> Text.num(v);
        };
    }

    private static void ab(StringBuilder h, Report r) {
        h.append("<h2>A/B comparison</h2>");
        if (r.ab().size() < 2) {
            h.append("<p class=\"muted\">Fewer than two completed trials to compare.</p>");
            return;
        }
        h.append("<p>A = ").append(Text.html(r.ab().get(0).trial().label()))
                .append(". Deltas are against A; the Diebold–Mariano test compares A's squared errors with each trial's on the test windows both forecast")
                .append(r.abCorrection() == null ? "" : "; " + Text.html(r.abCorrection())).append(".</p>");
        h.append("<div class=\"wide\"><table id=\"ab\"><thead><tr><th class=\"text\">trial</th><th class=\"text\">params</th>");
        headings(h);
        h.append("<th class=\"text\">vs persistence</th><th class=\"text\">Diebold–Mariano vs A</th></tr></thead><tbody>");
        for (Report.AbRow row : r.ab()) {
            h.append("<tr><td class=\"text\">").append(Text.html(row.trial().label())).append(row.deltas() == null ? " (A)" : "")
                    .append("</td><td class=\"params\">").append(Text.html(Text.params(row.trial().params()))).append("</td>");
            for (Columns.Column c : Columns.METRICS) {
                String key = c.metric().key();
                h.append("<td>").append(cell(c, row.metrics().get(key)));
                Double d = row.deltas() == null ? null : row.deltas().get(key);
                if (d != null && d != 0) {
                    boolean better = c.higherBetter() ? d > 0 : d < 0;
                    boolean judged = c.metric() != Objective.EPOCHS;
                    h.append("<span class=\"delta").append(judged ? better ? " better" : " worse" : "").append("\">")
                            .append(Text.html(c.metric() == Objective.DIRECTION_ACCURACY
                                    ? Text.delta(d * 100) + " pt" : Text.delta(d))).append("</span>");
                }
                h.append("</td>");
                if (c.metric() == Objective.DIRECTION_ACCURACY) directionTest(h, r, row.trial());
            }
            h.append("<td class=\"verdict\">").append(Text.html(r.tests().persistence(row.trial()))).append("</td><td class=\"verdict\">")
                    .append(Text.html(row.dm() == null ? "—" : row.dm().error() != null ? row.dm().error() : row.dm().verdict()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></div>\n");
    }

    private static void groups(StringBuilder h, String id, String title, String note, String keyName,
                               List<Report.GroupRow> rows, TrialTests tests) {
        h.append("<h2>").append(title).append("</h2><p class=\"muted\">").append(note).append("</p>");
        h.append("<table id=\"").append(id).append("\"><thead><tr><th class=\"text\">").append(keyName)
                .append("</th><th>data rows</th><th>completed trials</th><th class=\"text\">best trial</th><th>val RMSE</th><th>MAE</th><th>RMSE</th>")
                .append("<th>R²</th><th>persistence RMSE</th><th>skill</th><th class=\"text\">vs persistence</th><th>training time</th></tr></thead><tbody>");
        for (Report.GroupRow g : rows) {
            if (g.best() == null) {
                h.append("<tr><td class=\"text\">").append(Text.html(g.key())).append("</td><td>–</td><td>")
                        .append(g.complete()).append("</td><td class=\"text\" colspan=\"9\">no ranked trial</td></tr>");
                continue;
            }
            Map<String, Double> v = Columns.values(g.best());
            h.append("<tr><td class=\"text\">").append(Text.html(g.key())).append("</td><td>")
                    .append(g.dataRows() == null ? "–" : g.dataRows()).append("</td><td>").append(g.complete())
                    .append("</td><td class=\"text\">").append(Text.html(g.best().label())).append("</td>");
            for (String k : List.of("val_rmse", "test_mae", "test_rmse", "test_r2", "persistence_rmse", "skill")) {
                h.append("<td>").append(Text.num(v.get(k))).append("</td>");
            }
            h.append("<td class=\"verdict\">").append(Text.html(tests.persistence(g.best()))).append("</td><td>")
                    .append(Text.seconds(v.get("training_seconds"))).append("</td></tr>");
        }
        if (rows.isEmpty()) h.append("<tr><td class=\"text\" colspan=\"12\">no completed trials</td></tr>");
        h.append("</tbody></table>\n");
    }

    private static void focus(StringBuilder h, Report.Focus f, TrialTests tests) {
        Trial t = f.trial();
        h.append("<section class=\"trial\"><h3>").append(Text.html(t.label())).append(" <span class=\"muted\">(")
                .append(Text.html(f.why())).append(")</span></h3>");
        h.append("<p>").append(Text.html(tests.persistence(t))).append(t.metrics() == null ? "" : "; skill "
                + Text.html(Text.num(t.metrics().skill())) + ", test RMSE " + Text.html(Text.num(t.metrics().model().rmse()))
                + " vs persistence " + Text.html(Text.num(t.metrics().persistence().rmse()))).append(".</p>");
        tests.direction(t).ifPresent(d -> h.append("<p>").append(Text.html(d.words())).append(".</p>"));
        curve(h, f);
        predictions(h, f.predictions());
        provenance(h, f.provenance());
        h.append("</section>\n");
    }

    private static void curve(StringBuilder h, Report.Focus f) {
        List<EpochMetrics> e = f.epochs();
        Diagnoses d = f.diagnoses();
        if (!d.curve()) {
            diagnoses(h, d);
            return;
        }
        double[] x = new double[e.size()], train = new double[e.size()], val = new double[e.size()];
        for (int i = 0; i < e.size(); i++) {
            x[i] = e.get(i).epoch();
            train[i] = e.get(i).trainLoss();
            val[i] = e.get(i).valLoss();
        }
        Diagnosis over = d.find(DiagnosisKind.OVERFITTING);
        SvgChart.Marker m = d.bestEpoch() == null ? null : new SvgChart.Marker(d.bestEpoch(), "best epoch " + d.bestEpoch(),
                over == null ? null : (double) over.fromEpoch(), over == null ? null : "overfitting from epoch " + over.fromEpoch());
        h.append(SvgChart.draw("Learning curve (scaled MSE)", List.of(
                new SvgChart.Line("train loss", "#2f6fdf", x, train, null),
                new SvgChart.Line("val loss", "#e07b00", x, val, null)), v -> String.valueOf((long) v), m));
        diagnoses(h, d);
    }

    /** Each finding with its remedy, flagged; "none found" muted, never a green all-clear. */
    private static void diagnoses(StringBuilder h, Diagnoses d) {
        if (d.items().isEmpty()) {
            h.append("<p class=\"muted diagnosis\">No diagnosis found").append(d.curve() ? "" : " (no learning curve:"
                    + " only the forecasts were judged)").append(".</p>");
        }
        for (Diagnosis x : d.items()) {
            h.append("<p class=\"").append(x.kind() == DiagnosisKind.NOT_ENOUGH_EPOCHS ? "muted" : "flag")
                    .append(" diagnosis ").append(x.kind().key()).append("\">").append(Text.html(x.text()))
                    .append(x.remedy() == null ? "" : " Try: " + Text.html(x.remedy()) + ".").append("</p>");
        }
    }

    private static void predictions(StringBuilder h, Predictions p) {
        if (p == null || p.size() == 0) {
            h.append("<p class=\"muted\">No predictions artifact.</p>");
            return;
        }
        int from = Math.max(0, p.size() - PREDICTION_WINDOWS), n = p.size() - from;
        double[] x = new double[n], actual = new double[n], predicted = new double[n], last = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + i;
            actual[i] = p.actual()[from + i];
            predicted[i] = p.predicted()[from + i];
            last[i] = p.lastClose()[from + i];
        }
        String title = "Predictions vs actual vs persistence: " + (from == 0 ? "all " + n : "the last " + n + " of " + p.size())
                + " test windows";
        h.append(SvgChart.draw(title, List.of(
                new SvgChart.Line("actual", "#1d2330", x, actual, null),
                new SvgChart.Line("predicted", "#2f6fdf", x, predicted, null),
                new SvgChart.Line("persistence (last close)", "#9aa0a6", x, last, "4 3")), v -> timeAt(p, v), null));
    }

    private static String timeAt(Predictions p, double index) {
        int i = (int) Math.round(index);
        if (i < 0 || i >= p.size()) return "";
        String t = p.time().get(i);
        return t.length() >= 16 ? t.substring(0, 16).replace('T', ' ') : t;
    }

    private static void provenance(StringBuilder h, Provenance p) {
        if (p == null) {
            h.append("<p class=\"muted\">No provenance recorded.</p>");
            return;
        }
        h.append("<details><summary>Provenance</summary><dl class=\"provenance\">");
        dt(h, "data", p.data() == null ? "–" : p.data().sha256() + " · " + p.data().rows() + " rows · "
                + Instant.ofEpochMilli(p.data().firstTimeMs()) + " .. " + Instant.ofEpochMilli(p.data().lastTimeMs()));
        dt(h, "seed", String.valueOf(p.seed()));
        dt(h, "lstm-tuner", p.lstmTunerVersion() + " (" + p.gitCommit() + ")");
        dt(h, "java / dl4j", p.javaVersion() + " / " + p.dl4jVersion());
        dt(h, "backend / threads", p.nd4jBackend() + " / " + p.threads());
        dt(h, "os / host", p.os() + " " + p.arch() + " / " + p.host());
        dt(h, "config", p.configJson());
        h.append("</dl></details>");
    }

    private static void dt(StringBuilder h, String key, String value) {
        h.append("<dt>").append(Text.html(key)).append("</dt><dd>").append(Text.html(value)).append("</dd>");
    }
}
