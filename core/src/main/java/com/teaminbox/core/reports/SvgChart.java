package com.teaminbox.core.reports;

/**
 * Draws a {@link Chart} as inline SVG: no script, no font or file to fetch, so the dashboard is
 * whole as the server sends it. Every bar carries a {@code <title>} with its exact value (shown on
 * hover, read by screen readers).
 */
public final class SvgChart {
    private SvgChart() {
    }

    public static String render(Chart chart) {
        ChartLayout layout = new ChartLayout(chart);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(Html.escape(chart.id()))
            .append("\" role=\"img\" aria-label=\"").append(Html.escape(chart.title())).append("\" width=\"").append(ChartLayout.WIDTH)
            .append("\" height=\"").append(ChartLayout.HEIGHT).append("\" viewBox=\"0 0 ").append(ChartLayout.WIDTH).append(' ')
            .append(ChartLayout.HEIGHT).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append("<text x=\"").append(ChartLayout.LEFT).append("\" y=\"16\" font-size=\"14\" font-weight=\"bold\">")
            .append(Html.escape(chart.title())).append(" (").append(Html.escape(chart.unit())).append(")</text>\n");
        double legendX = ChartLayout.LEFT;
        for (Chart.Series series : chart.series()) {
            svg.append("<rect x=\"").append(f(legendX)).append("\" y=\"24\" width=\"10\" height=\"10\" fill=\"").append(series.color())
                .append("\"/><text x=\"").append(f(legendX + 14)).append("\" y=\"33\">").append(Html.escape(series.name())).append("</text>\n");
            legendX += 24 + series.name().length() * 6.5;
        }
        for (int tick = 0; tick <= layout.ticks(); tick++) {
            double y = layout.tickY(tick);
            svg.append("<line x1=\"").append(ChartLayout.LEFT).append("\" x2=\"").append(ChartLayout.WIDTH - ChartLayout.RIGHT)
                .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"#dddddd\"/>")
                .append("<text x=\"").append(ChartLayout.LEFT - 6).append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\">")
                .append(ChartLayout.number(layout.tickValue(tick))).append("</text>\n");
        }
        for (int label = 0; label < chart.labels().size(); label++) {
            for (int index = 0; index < chart.series().size(); index++) {
                Chart.Series series = chart.series().get(index);
                double value = series.values().get(label);
                double height = layout.barHeight(value);
                svg.append("<rect x=\"").append(f(layout.barX(label, index))).append("\" y=\"").append(f(layout.baseline() - height))
                    .append("\" width=\"").append(f(layout.barWidth())).append("\" height=\"").append(f(height)).append("\" fill=\"")
                    .append(series.color()).append("\"><title>").append(Html.escape(chart.labels().get(label))).append(' ')
                    .append(Html.escape(series.name())).append(": ").append(ChartLayout.number(value)).append("</title></rect>\n");
            }
            if (layout.showsLabel(label)) {
                svg.append("<text x=\"").append(f(layout.labelX(label))).append("\" y=\"").append(f(layout.baseline() + 16))
                    .append("\" text-anchor=\"middle\">").append(Html.escape(chart.labels().get(label))).append("</text>\n");
            }
        }
        return svg.append("</svg>").toString();
    }

    private static String f(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
