package dev.lstmtuner.report;

import dev.lstmtuner.analysis.diagnosis.Diagnoses;
import dev.lstmtuner.analysis.diagnosis.Diagnosis;
import dev.lstmtuner.analysis.TrialTests;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.store.Trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report as a Markdown summary: the same tables as the HTML page, curves and predictions in words. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(Report r) {
        StringBuilder m = new StringBuilder();
        List<String> names = r.campaigns().stream().map(p -> p.campaign().name()).toList();
        m.append("# lstm-tuner report: ").append(Text.md(String.join(", ", names))).append("\n\n");
        m.append("Generated ").append(Text.time(r.generatedAt())).append(" by lstm-tuner ").append(Text.md(r.version()))
                .append(". Scores are beside persistence (next price = last price) on the same test windows; \"beats persistence\"")
                .append(" needs a positive skill and a Diebold–Mariano p < 0.05 after Holm's correction across the campaign's COMPLETE trials (raw p beside it), and no trial when the campaign-wide SPA test finds none; the direction test is Pesaran–Timmermann against a coin with the base rates, Holm-corrected the same way.\n\n");

        m.append("## Leaderboard\n\n");
        for (Report.CampaignPart p : r.campaigns()) {
            m.append("### ").append(Text.md(p.campaign().name())).append(" (top ").append(p.top().size()).append(" of ")
                    .append(p.total()).append(")\n\n");
            for (String line : p.headline()) m.append("> ").append(Text.md(line)).append("\n>\n");
            if (!p.headline().isEmpty()) m.append("\n");
            List<String> head = new ArrayList<>(List.of("#", "trial", "state", "objective"));
            for (Columns.Column c : Columns.METRICS) {
                head.add(c.heading());
                if (c.metric() == Objective.DIRECTION_ACCURACY) head.add("direction test");
            }
            head.add("vs persistence");
            head.add("vs ridge");
            head.add("params");
            List<List<String>> rows = new ArrayList<>();
            int rank = 1;
            for (Trial t : p.top()) {
                List<String> row = new ArrayList<>(List.of(String.valueOf(rank++), t.label(), Text.state(t), Text.num(t.objective())));
                Map<String, Double> v = Columns.values(t);
                for (Columns.Column c : Columns.METRICS) {
                    row.add(Text.num(v.get(c.metric().key())));
                    if (c.metric() == Objective.DIRECTION_ACCURACY) row.add(r.tests().directionCell(t));
                }
                row.add(r.tests().persistence(t));
                row.add(Text.ridge(t));
                row.add(Text.params(t.params()));
                rows.add(row);
            }
            table(m, head, rows);
            if (p.best() != null) {
                m.append(Text.md(Text.best(p.best()))).append("\n\n");
                for (String line : p.best().sentences()) m.append("- ").append(Text.md(line)).append("\n");
                m.append("\n");
            }
        }

        AbSection.markdown(m, r.plans());
        m.append("## A/B comparison\n\n");
        if (r.ab().size() < 2) {
            m.append("Fewer than two completed trials to compare.\n\n");
        } else {
            m.append("A = ").append(Text.md(r.ab().get(0).trial().label())).append("; deltas against A in brackets.")
                    .append(r.abCorrection() == null ? "" : " " + Text.md(r.abCorrection()) + ".").append("\n\n");
            List<String> head = new ArrayList<>(List.of("trial", "params"));
            for (Columns.Column c : Columns.METRICS) {
                head.add(c.heading());
                if (c.metric() == Objective.DIRECTION_ACCURACY) head.add("direction test");
            }
            head.add("vs persistence");
            head.add("Diebold–Mariano vs A");
            List<List<String>> rows = new ArrayList<>();
            for (Report.AbRow a : r.ab()) {
                List<String> row = new ArrayList<>(List.of(a.trial().label() + (a.deltas() == null ? " (A)" : ""),
                        Text.params(a.trial().params())));
                for (Columns.Column c : Columns.METRICS) {
                    String k = c.metric().key();
                    Double d = a.deltas() == null ? null : a.deltas().get(k);
                    row.add(Text.num(a.metrics().get(k)) + (d == null || d == 0 ? "" : " (" + Text.delta(d) + ")"));
                    if (c.metric() == Objective.DIRECTION_ACCURACY) row.add(r.tests().directionCell(a.trial()));
                }
                row.add(r.tests().persistence(a.trial()));
                row.add(a.dm() == null ? "—" : a.dm().error() != null ? a.dm().error() : a.dm().verdict());
                rows.add(row);
            }
            table(m, head, rows);
        }
        ParetoSection.markdown(m, r.fronts());
        groups(m, "By symbol", "symbol", r.symbols(), r.tests());
        PooledSection.markdown(m, r.pooled());
        groups(m, "By model family", "family", r.families(), r.tests());

        m.append("## Trials in detail\n\n");
        for (Report.Focus f : r.focus()) {
            Trial t = f.trial();
            m.append("### ").append(Text.md(t.label())).append(" (").append(Text.md(f.why())).append(")\n\n");
            m.append("- ").append(Text.md(r.tests().persistence(t))).append("; ").append(Text.md(Text.ridge(t)));
            r.tests().direction(t).ifPresent(d -> m.append("; ").append(Text.md(d.words())));
            if (t.metrics() != null) {
                m.append("; skill ").append(Text.num(t.metrics().skill())).append(", test RMSE ")
                        .append(Text.num(t.metrics().model().rmse())).append(" vs persistence ")
                        .append(Text.num(t.metrics().persistence().rmse()));
            }
            m.append("\n");
            Diagnoses d = f.diagnoses();
            if (d.curve()) {
                m.append("- learning curve: ").append(f.epochs().size()).append(" epochs, best epoch ")
                        .append(d.bestEpoch() == null ? "–" : d.bestEpoch()).append("\n");
            }
            if (d.items().isEmpty()) {
                m.append("- diagnoses: none found").append(d.curve() ? "" : " (no learning curve: only the forecasts"
                        + " were judged)").append("\n");
            }
            for (Diagnosis x : d.items()) {
                m.append("- **").append(x.kind().key().replace('_', ' ')).append("**: ").append(Text.md(x.text()))
                        .append(x.remedy() == null ? "" : " Try: " + Text.md(x.remedy()) + ".").append("\n");
            }
            m.append("- params: ").append(Text.md(Text.params(t.params()))).append("\n");
            if (f.provenance() != null) {
                m.append("- provenance: lstm-tuner ").append(Text.md(f.provenance().lstmTunerVersion())).append(" (")
                        .append(Text.md(f.provenance().gitCommit())).append("), seed ").append(f.provenance().seed())
                        .append(", data ").append(f.provenance().data() == null ? "–" : Text.md(f.provenance().data().toString()))
                        .append(", ").append(Text.md(f.provenance().nd4jBackend())).append(" ")
                        .append(f.provenance().threads()).append(" thread(s) on ").append(Text.md(f.provenance().host())).append("\n");
            }
            m.append("\n");
        }
        return m.toString();
    }

    private static void groups(StringBuilder m, String title, String key, List<Report.GroupRow> groups,
                               TrialTests tests) {
        m.append("## ").append(title).append("\n\nBest trial per ").append(key).append(", chosen by the objective on"
                + " validation (never a test metric), in the campaign's direction.\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Report.GroupRow g : groups) {
            if (g.best() == null) {
                rows.add(List.of(g.key(), "–", String.valueOf(g.complete()), "–", "–", "–", "–", "–", "–", "–", "–",
                        "–", "–"));
                continue;
            }
            Map<String, Double> v = Columns.values(g.best());
            rows.add(List.of(g.key(), g.dataRows() == null ? "–" : String.valueOf(g.dataRows()), String.valueOf(g.complete()),
                    g.best().label(), g.rankedBy(), Text.num(v.get("val_rmse")), Text.num(v.get("test_mae")),
                    Text.num(v.get("test_rmse")), Text.num(v.get("test_r2")), Text.num(v.get("persistence_rmse")),
                    Text.num(v.get("skill")), tests.persistence(g.best()), Text.seconds(v.get("training_seconds"))));
        }
        table(m, List.of(key, "data rows", "completed trials", "best trial", "chosen by", "val RMSE", "MAE", "RMSE",
                "R²", "persistence RMSE", "skill", "vs persistence", "training time"), rows);
    }

    static void table(StringBuilder m, List<String> head, List<List<String>> rows) {
        m.append('|');
        head.forEach(h -> m.append(' ').append(Text.md(h)).append(" |"));
        m.append("\n|");
        head.forEach(h -> m.append("---|"));
        m.append('\n');
        for (List<String> row : rows) {
            m.append('|');
            row.forEach(c -> m.append(' ').append(Text.md(c)).append(" |"));
            m.append('\n');
        }
        m.append('\n');
    }
}
