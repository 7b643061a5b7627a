package com.teaminbox.core.reports;

import java.util.List;
import java.util.Objects;

/**
 * A bar chart with one group of bars per label (a day) and one bar per series: what the
 * dashboard draws as inline SVG ({@link SvgChart}) and the weekly digest as a PNG image
 * ({@link PngChart}), so both show the same figures. {@code id} names it in HTML and as the
 * digest's Content-ID.
 */
public record Chart(String id, String title, String unit, List<String> labels, List<Series> series) {
    public Chart {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(unit, "unit");
        labels = List.copyOf(labels);
        series = List.copyOf(series);
        for (Series one : series) {
            if (one.values().size() != labels.size()) {
                throw new IllegalArgumentException("series " + one.name() + " has " + one.values().size() + " values for "
                    + labels.size() + " labels");
            }
        }
    }

    /** The highest value drawn, rounded up to a number the axis can show; 1 when every value is 0. */
    public double scale() {
        double max = series.stream().flatMap(one -> one.values().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** One bar per label, in {@code color} (CSS hex, {@code #1f77b4}). */
    public record Series(String name, String color, List<Double> values) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (!color.matches("#[0-9a-f]{6}")) {
                throw new IllegalArgumentException("color must be #rrggbb in lower case: " + color);
            }
            values = List.copyOf(values);
        }
    }
}
