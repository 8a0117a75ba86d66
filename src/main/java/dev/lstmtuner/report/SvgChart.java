package dev.lstmtuner.report;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** Line charts as inline SVG (no script, no external file): axes with rounded ticks, lines, a legend, a marker. */
final class SvgChart {
    private static final int W = 760, H = 290, LEFT = 74, RIGHT = 16, TOP = 42, BOTTOM = 40;

    /** One line; {@code dash} is an SVG dash pattern or null for solid. */
    record Line(String name, String color, double[] x, double[] y, String dash) {
    }

    /** A vertical marker at {@code x} with a label; {@code shadeFrom} shades from there to the right end. */
    record Marker(double x, String label, Double shadeFrom, String shadeLabel) {
    }

    private SvgChart() {
    }

    static String draw(String title, List<Line> lines, DoubleFunction<String> xTick, Marker marker) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (int i = 0; i < l.x().length; i++) {
                if (!Double.isFinite(l.y()[i])) continue;
                x0 = Math.min(x0, l.x()[i]);
                x1 = Math.max(x1, l.x()[i]);
                y0 = Math.min(y0, l.y()[i]);
                y1 = Math.max(y1, l.y()[i]);
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ')
                .append(H).append("\" role=\"img\" aria-label=\"").append(Text.html(title)).append("\">");
        s.append("<text x=\"").append(LEFT).append("\" y=\"16\" class=\"title\">").append(Text.html(title)).append("</text>");
        if (!Double.isFinite(x0)) {
            return s.append("<text x=\"").append(LEFT).append("\" y=\"60\">no data</text></svg>").toString();
        }
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) {
            y1 += Math.max(1e-9, Math.abs(y1) * 0.01);
            y0 -= Math.max(1e-9, Math.abs(y0) * 0.01);
        }
        double pad = (y1 - y0) * 0.05;
        Scale sx = new Scale(x0, x1, LEFT, W - RIGHT), sy = new Scale(y0 - pad, y1 + pad, H - BOTTOM, TOP);
        if (marker != null && marker.shadeFrom() != null) {
            double from = sx.at(marker.shadeFrom());
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"shade\"/>",
                    from, TOP, Math.max(0, W - RIGHT - from), H - TOP - BOTTOM));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"note\">", from + 4, TOP + 12))
                    .append(Text.html(marker.shadeLabel())).append("</text>");
        }
        for (double v : ticks(sy.lo, sy.hi)) {
            double y = sy.at(v);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", LEFT, W - RIGHT, y, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">", LEFT - 6, y + 4))
                    .append(Text.html(Text.num(v))).append("</text>");
        }
        for (double v : ticks(x0, x1)) {
            double x = sx.at(v);
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">", x, H - BOTTOM + 16))
                    .append(Text.html(xTick.apply(v))).append("</text>");
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axis\"/>", LEFT, W - RIGHT, H - BOTTOM, H - BOTTOM));
        if (marker != null) {
            double x = sx.at(marker.x());
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"marker\"/>", x, x, TOP, H - BOTTOM));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"note\" text-anchor=\"middle\">", x, H - 6))
                    .append(Text.html(marker.label())).append("</text>");
        }
        int legendX = LEFT;   // the legend gets its own row under the title
        for (Line l : lines) {
            s.append("<polyline fill=\"none\" stroke=\"").append(l.color()).append("\" stroke-width=\"1.5\"")
                    .append(l.dash() == null ? "" : " stroke-dasharray=\"" + l.dash() + "\"").append(" points=\"");
            for (int i = 0; i < l.x().length; i++) {
                if (!Double.isFinite(l.y()[i])) continue;
                s.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.at(l.x()[i]), sy.at(l.y()[i])));
            }
            s.append("\"/>");
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"29\" y2=\"29\" stroke=\"%s\" stroke-width=\"3\"%s/>",
                    legendX, legendX + 18, l.color(), l.dash() == null ? "" : " stroke-dasharray=\"" + l.dash() + "\""));
            s.append("<text x=\"").append(legendX + 22).append("\" y=\"33\" class=\"tick\">").append(Text.html(l.name())).append("</text>");
            legendX += 30 + 7 * l.name().length();
        }
        return s.append("</svg>").toString();
    }

    /** About five round tick values inside [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag >= 5 ? 10 * mag : raw / mag >= 2 ? 5 * mag : raw / mag >= 1 ? 2 * mag : mag;
        double first = Math.ceil(lo / step) * step;
        int n = (int) Math.floor((hi - first) / step) + 1;
        double[] out = new double[Math.max(0, Math.min(n, 12))];
        for (int i = 0; i < out.length; i++) out[i] = first + i * step;
        return out;
    }

    record Scale(double lo, double hi, double from, double to) {
        double at(double v) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }
    }
}
