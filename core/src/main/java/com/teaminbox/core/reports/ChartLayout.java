package com.teaminbox.core.reports;

/** Where a {@link Chart}'s parts go, shared by the SVG and PNG renderers so that both look alike. */
final class ChartLayout {
    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    static final int LEFT = 56;
    static final int RIGHT = 12;
    static final int TOP = 40;
    static final int BOTTOM = 36;

    private final Chart chart;
    private final double scale;
    private final int ticks;

    ChartLayout(Chart chart) {
        this.chart = chart;
        this.scale = chart.scale();
        // The scale is 1, 2, 2.5 or 5 times a power of ten: 4 or 5 steps keep every tick a round number.
        double leading = scale / Math.pow(10, Math.floor(Math.log10(scale)));
        this.ticks = Math.abs(leading - 2) < 1e-9 ? 4 : 5;
    }

    int ticks() {
        return ticks;
    }

    double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    double baseline() {
        return TOP + plotHeight();
    }

    double groupWidth() {
        return plotWidth() / Math.max(1, chart.labels().size());
    }

    double barWidth() {
        return groupWidth() * 0.8 / Math.max(1, chart.series().size());
    }

    double barX(int label, int series) {
        return LEFT + label * groupWidth() + groupWidth() * 0.1 + series * barWidth();
    }

    double barHeight(double value) {
        return Math.max(0, value) / scale * plotHeight();
    }

    double tickValue(int tick) {
        return scale * tick / ticks;
    }

    double tickY(int tick) {
        return baseline() - plotHeight() * tick / ticks;
    }

    double labelX(int label) {
        return LEFT + label * groupWidth() + groupWidth() / 2;
    }

    /** Shows every label when they fit, else every n-th, so that a month stays readable. */
    boolean showsLabel(int label) {
        int every = (int) Math.ceil(chart.labels().size() / 14.0);
        return label % Math.max(1, every) == 0;
    }

    static String number(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(java.util.Locale.ROOT, "%.2f", value).replaceAll("0$", "");
    }
}
