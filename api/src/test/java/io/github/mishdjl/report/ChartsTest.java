package io.github.mishdjl.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Charts are static SVG by default and lets-plot's interactive HTML on request. */
class ChartsTest {

    @Test
    void svgByDefaultInteractiveOnRequest() {
        List<Integer> x = List.of(1, 2, 3);
        List<Double> y = List.of(0.5, 0.7, 0.8);
        List<String> g = List.of("mish", "mish", "mish");
        String svg = Charts.lines("t", x, y, g, "epoch", "acc");
        assertTrue(svg.startsWith("<svg") && !svg.contains("<script"), svg.substring(0, 80));
        try {
            Charts.setMode(Charts.Mode.INTERACTIVE);
            String html = Charts.lines("t", x, y, g, "epoch", "acc");
            // an iframe whose document loads lets-plot's script
            assertTrue(html.contains("<iframe") && html.contains("data-lets-plot-script"),
                    html.substring(0, Math.min(300, html.length())));
        } finally {
            Charts.setMode(Charts.Mode.SVG);
        }
        assertFalse(Charts.heatmap("h", List.of(0, 1), List.of(0, 1), List.of(0.1, 0.2), 200).contains("<script"));
    }

    /** The forest plot draws one interval per row and the zero line, as SVG. */
    @org.junit.jupiter.api.Test
    void forestPlotDrawsIntervalsAndZero() {
        String svg = Charts.forest("f", java.util.List.of("relu - mish", "swish - mish"), java.util.List.of(-0.45, 0.12),
                java.util.List.of(-1.71, -2.08), java.util.List.of(0.81, 2.33), "difference");
        org.junit.jupiter.api.Assertions.assertTrue(svg.startsWith("<svg") && svg.contains("relu - mish")
                && svg.contains("swish - mish") && svg.contains("difference"), svg.substring(0, Math.min(400,
                svg.length())));
    }
}
