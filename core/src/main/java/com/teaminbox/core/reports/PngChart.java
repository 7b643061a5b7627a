package com.teaminbox.core.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Draws a {@link Chart} as a PNG image with the same layout as {@link SvgChart}: mail clients
 * show inline PNG images (multipart/related, Content-ID) but most do not show SVG, so the weekly
 * digest carries these. Drawn headless with Java2D, nothing downloaded.
 */
public final class PngChart {
    private PngChart() {
    }

    public static byte[] render(Chart chart) {
        ChartLayout layout = new ChartLayout(chart);
        BufferedImage image = new BufferedImage(ChartLayout.WIDTH, ChartLayout.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, ChartLayout.WIDTH, ChartLayout.HEIGHT);
            graphics.setColor(Color.BLACK);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            graphics.drawString(chart.title() + " (" + chart.unit() + ")", ChartLayout.LEFT, 16);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            int legendX = ChartLayout.LEFT;
            for (Chart.Series series : chart.series()) {
                graphics.setColor(Color.decode(series.color()));
                graphics.fillRect(legendX, 24, 10, 10);
                graphics.setColor(Color.BLACK);
                graphics.drawString(series.name(), legendX + 14, 33);
                legendX += 24 + graphics.getFontMetrics().stringWidth(series.name());
            }
            graphics.setStroke(new BasicStroke(1));
            for (int tick = 0; tick <= layout.ticks(); tick++) {
                int y = (int) Math.round(layout.tickY(tick));
                graphics.setColor(new Color(0xdd, 0xdd, 0xdd));
                graphics.drawLine(ChartLayout.LEFT, y, ChartLayout.WIDTH - ChartLayout.RIGHT, y);
                graphics.setColor(Color.BLACK);
                String text = ChartLayout.number(layout.tickValue(tick));
                graphics.drawString(text, ChartLayout.LEFT - 6 - graphics.getFontMetrics().stringWidth(text), y + 4);
            }
            for (int label = 0; label < chart.labels().size(); label++) {
                for (int index = 0; index < chart.series().size(); index++) {
                    Chart.Series series = chart.series().get(index);
                    double height = layout.barHeight(series.values().get(label));
                    graphics.setColor(Color.decode(series.color()));
                    graphics.fill(new Rectangle2D.Double(layout.barX(label, index), layout.baseline() - height, layout.barWidth(), height));
                }
                if (layout.showsLabel(label)) {
                    graphics.setColor(Color.BLACK);
                    String text = chart.labels().get(label);
                    int width = graphics.getFontMetrics().stringWidth(text);
                    graphics.drawString(text, (int) Math.round(layout.labelX(label) - width / 2.0), (int) Math.round(layout.baseline() + 16));
                }
            }
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a PNG to memory failed", e);
        }
        return png.toByteArray();
    }
}
