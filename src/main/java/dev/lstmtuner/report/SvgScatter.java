package dev.lstmtuner.report;

import dev.lstmtuner.analysis.ParetoFront;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A Pareto plot as inline SVG: the trials on the first two objectives (the second across, the primary up), dominated
 * ones faded, the front's points joined in order along the x axis. Ticks as {@link SvgChart}'s.
 */
final class SvgScatter {
    private static final int W = 760, H = 320, LEFT = 74, RIGHT = 16, TOP = 30, BOTTOM = 44;

    private SvgScatter() {
    }

    static String draw(ParetoFront f) {
        List<ParetoFront.Point> pts = f.points();
        int xk = f.objectives().list().size() > 1 ? 1 : 0;
        String xName = f.objectives().list().get(xk).key();
        String yName = f.objectives().primary().key();
        String title = "Pareto front: " + yName + " against " + xName;
        StringBuilder s = new StringBuilder("<svg class=\"chart pareto\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H).append("\" role=\"img\" aria-label=\"").append(Text.html(title)).append("\">")
                .append("<text x=\"").append(LEFT).append("\" y=\"16\" class=\"title\">").append(Text.html(title)).append("</text>");
        if (pts.isEmpty()) return s.append("<text x=\"").append(LEFT).append("\" y=\"60\">no data</text></svg>").toString();
        double x0 = pts.stream().mapToDouble(p -> p.values()[xk]).min().orElseThrow();
        double x1 = pts.stream().mapToDouble(p -> p.values()[xk]).max().orElseThrow();
        double y0 = pts.stream().mapToDouble(p -> p.values()[0]).min().orElseThrow();
        double y1 = pts.stream().mapToDouble(p -> p.values()[0]).max().orElseThrow();
        double px = x1 > x0 ? (x1 - x0) * 0.05 : Math.max(1e-9, Math.abs(x0) * 0.05);
        double py = y1 > y0 ? (y1 - y0) * 0.05 : Math.max(1e-9, Math.abs(y0) * 0.05);
        SvgChart.Scale sx = new SvgChart.Scale(x0 - px, x1 + px, LEFT, W - RIGHT);
        SvgChart.Scale sy = new SvgChart.Scale(y0 - py, y1 + py, H - BOTTOM, TOP);
        for (double v : SvgChart.ticks(sy.lo(), sy.hi())) {
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>", LEFT, W - RIGHT, sy.at(v),
                    sy.at(v), LEFT - 6, sy.at(v) + 4, Text.html(Text.num(v))));
        }
        for (double v : SvgChart.ticks(sx.lo(), sx.hi())) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                    sx.at(v), H - BOTTOM + 16, Text.html(Text.num(v))));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axis\"/>"
                + "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>", LEFT, W - RIGHT, H - BOTTOM,
                H - BOTTOM, (LEFT + W - RIGHT) / 2, H - 6, Text.html(xName)));
        for (ParetoFront.Point p : pts) {
            if (p.onFront()) continue;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#8a94a6\" fill-opacity=\"0.3\"/>",
                    sx.at(p.values()[xk]), sy.at(p.values()[0])));
        }
        StringBuilder line = new StringBuilder("<polyline fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"1.5\" points=\"");
        List<ParetoFront.Point> front = f.front().stream().sorted(Comparator.comparingDouble(p -> p.values()[xk])).toList();
        for (ParetoFront.Point p : front) {
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.at(p.values()[xk]), sy.at(p.values()[0])));
        }
        s.append(line).append("\"/>");
        for (ParetoFront.Point p : front) {
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#1f6feb\" class=\"front\">"
                    + "<title>%s</title></circle>", sx.at(p.values()[xk]), sy.at(p.values()[0]), Text.html(p.trial().label())));
        }
        return s.append("</svg>").toString();
    }
}
