package io.github.mishdjl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Charts are static SVG by default and lets-plot's interactive HTML within a drawing scope, never globally. */
class ChartsTest {

    /** Every preset's activations, drawn in one chart, get colours of their own (a hashed colour could collide). */
    @Test
    void eachPresetsActivationsHaveDistinctColours() {
        for (String preset : io.github.mishdjl.experiment.Presets.NAMES) {
            List<String> names = io.github.mishdjl.experiment.Presets.get(preset).activations();
            assertEquals(names.size(), new java.util.HashSet<>(ActivationColors.of(names)).size(),
                    preset + ": " + names + " coloured " + ActivationColors.of(names));
        }
    }

    @Test
    void svgByDefaultInteractiveOnRequest() {
        List<Integer> x = List.of(1, 2, 3);
        List<Double> y = List.of(0.5, 0.7, 0.8);
        List<String> g = List.of("mish", "mish", "mish");
        String svg = Charts.lines("t", x, y, g, "epoch", "acc");
        assertTrue(svg.startsWith("<svg") && !svg.contains("<script"), svg.substring(0, 80));
        // interactive only within a drawing scope: an iframe whose document loads lets-plot's script
        String html = Charts.drawing(Charts.Mode.INTERACTIVE, () -> Charts.lines("t", x, y, g, "epoch", "acc"));
        assertTrue(html.contains("<iframe") && html.contains("data-lets-plot-script"),
                html.substring(0, Math.min(300, html.length())));
        // scopes nest and restore; outside them nothing global changed
        String inner = Charts.drawing(Charts.Mode.INTERACTIVE, () -> Charts.drawing(Charts.Mode.SVG,
                () -> Charts.lines("t", x, y, g, "epoch", "acc")));
        assertTrue(inner.startsWith("<svg") && !inner.contains("<script"), inner.substring(0, 80));
        org.junit.jupiter.api.Assertions.assertEquals(Charts.Mode.SVG, Charts.getMode(), "no global mode");
        String after = Charts.lines("t", x, y, g, "epoch", "acc");
        assertTrue(after.startsWith("<svg"), "static again after the scope");
        assertFalse(Charts.heatmap("h", List.of(0, 1), List.of(0, 1), List.of(0.1, 0.2), 200).contains("<script"));
    }

    /** lets-plot's export classes pass the first-use check here, and a mismatch says which release to use. */
    @Test
    void theLetsPlotAdapterChecksItselfAndNamesTheVersion() {
        LetsPlotExport.selfCheck();
        String message = LetsPlotExport.mismatch("NoSuchMethodError: buildSvgImageFromRawSpecs", null).getMessage();
        assertTrue(message.contains("lets-plot-common:" + LetsPlotExport.EXPECTED)
                && message.contains("buildSvgImageFromRawSpecs"), message);
    }

    /** A means chart is at least minSpan tall around its data: 0.04 points between single runs is not a gap. */
    @Test
    void meansScaleIsAtLeastTheMinimumSpan() {
        double[] limits = Charts.atLeast(List.of(77.68, 77.72), List.of(77.68, 77.72), null, 1.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {77.2, 78.2}, limits, 1e-9);
        org.junit.jupiter.api.Assertions.assertNull(Charts.atLeast(List.of(70.0), List.of(75.0), null, 1.0),
                "data wider than the minimum keeps the fitted scale");
        org.junit.jupiter.api.Assertions.assertNull(Charts.atLeast(List.of(77.68), List.of(77.72), 10.0, 1.0),
                "chance is part of the data range");
        String svg = Charts.means("m", List.of("net", "net"), List.of(77.68, 77.72), List.of(77.68, 77.72),
                List.of(77.68, 77.72), List.of("mish", "swish"), "acc", null, 1.0);
        // the axis is labelled at both ends of the minimum span (tick labels are text elements: "77.2" .. "78.2" or a
        // round step between), not fitted to the 0.04 between the runs
        java.util.List<Double> ticks = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(">\\s*(\\d+(?:\\.\\d+)?)\\s*</text>").matcher(svg);
        while (m.find()) {
            ticks.add(Double.parseDouble(m.group(1)));
        }
        java.util.List<Double> axis = ticks.stream().filter(t -> t >= 77 && t <= 79).toList();
        assertTrue(svg.startsWith("<svg") && axis.size() >= 2 && axis.stream().mapToDouble(t -> t).min().orElse(99) <= 77.5
                && axis.stream().mapToDouble(t -> t).max().orElse(0) >= 78.0, "tick labels spanning 77.5 to 78: " + ticks);
    }

    /** The forest plot draws one interval per row and the zero line, as SVG. */
    @org.junit.jupiter.api.Test
    void forestPlotDrawsIntervalsAndZero() {
        String svg = Charts.forest("f", java.util.List.of("relu - mish", "swish - mish"), java.util.List.of(-0.45, 0.12),
                java.util.List.of(-1.71, -2.08), java.util.List.of(0.81, 2.33), "difference");
        org.junit.jupiter.api.Assertions.assertTrue(svg.startsWith("<svg") && svg.contains("relu - mish")
                && svg.contains("swish - mish") && svg.contains("difference"), svg.substring(0, Math.min(400,
                svg.length())));
        // rows read down in the given order, as in the tables beside the plot
        List<String> rows = List.of("swish - mish", "gelu - mish", "relu - mish", "tanh - mish");
        String four = Charts.forest("f", rows, List.of(-0.3, 0.1, -2.6, -5.8), List.of(-4.9, -2.3, -5.0, -8.0),
                List.of(4.2, 2.5, -0.3, -3.6), null, "difference"); // no legend: only the axis names the rows
        double above = Double.NEGATIVE_INFINITY;
        for (String row : rows) {
            double y = labelY(four, row);
            assertTrue(y > above, row + " is drawn below the row before it (y " + y + ", before " + above + ")");
            above = y;
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Charts.forest("f",
                List.of("a", "a"), List.of(1, 2), List.of(0, 1), List.of(2, 3), "d"), "two rows, one label");
    }

    /** The vertical position of an axis label: the translate of the group that holds its text. */
    private static double labelY(String svg, String label) {
        int text = svg.indexOf(label);
        assertTrue(text > 0, label + " drawn");
        int group = svg.lastIndexOf("<g transform=\"translate(0.0 ", text);
        String rest = svg.substring(group + "<g transform=\"translate(0.0 ".length());
        return Double.parseDouble(rest.substring(0, rest.indexOf(' ')));
    }

    /** A published curve beside the runs is drawn dotted and named in the title; without one, nothing dotted. */
    @Test
    void aReferenceCurveIsDrawnDottedAndNamed() {
        List<Charts.Series> runs = List.of(new Charts.Series("mish", "mish seed 0", List.of(15, 19, 25),
                List.of(98.3, 97.9, 96.0), false), new Charts.Series("relu", "relu seed 0", List.of(15, 19, 25),
                List.of(97.9, 95.0, 60.0), false));
        String with = Charts.runs("depth", runs, "layers", "accuracy %", null, List.of(
                new Charts.Reference("published Mish", List.of(15, 16, 17, 25), List.of(98.43, 98.28, 98.38, 85.16))));
        String without = Charts.runs("depth", runs, "layers", "accuracy %", null);
        assertTrue(with.contains("dotted: published Mish"), "named in the title");
        assertTrue(with.contains("stroke-dasharray") && !without.contains("stroke-dasharray"), "dotted only with it");
        assertTrue(with.matches("(?s).*>\\s*16\\s*<.*") && !without.matches("(?s).*>\\s*16\\s*<.*"),
                "the reference's depths get ticks too");
    }

    /**
     * References of one activation each (a plot's curves read by eye) take their activation's colour, dotted, and
     * are named once; an activation with no run yet still gets its own colour.
     */
    @Test
    void referencesOfOneActivationTakeItsColour() {
        List<Charts.Series> runs = List.of(new Charts.Series("mish", "mish seed 0", List.of(2.0, 4.0),
                List.of(90.0, 70.0), false));
        String label = "the repository plot, by eye";
        String svg = Charts.runs("noise", runs, "sd", "accuracy %", null, List.of(
                new Charts.Reference(label, "mish", List.of(2.0, 4.0), List.of(88.1, 64.2)),
                new Charts.Reference(label, "swish", List.of(2.0, 4.0), List.of(86.4, 67.1))));
        assertEquals(1, svg.split(java.util.regex.Pattern.quote("dotted: " + label), -1).length - 1, "named once");
        assertTrue(hasColor(svg, ActivationColors.of("swish")), "Swish's colour, though no Swish run is drawn");
        assertTrue(svg.contains("stroke-dasharray"), "dotted (no chance line: nothing else is)");
        assertFalse(hasColor(svg, "#444444"), "not the grey of a reference of no activation");
        String plain = Charts.runs("noise", runs, "sd", "accuracy %", null);
        assertFalse(hasColor(plain, ActivationColors.of("swish")), "without the references, no Swish colour");
    }

    /** lets-plot writes colours as rgb(r,g,b) or #rrggbb; accept either spelling of one colour. */
    private static boolean hasColor(String svg, String hex) {
        int r = Integer.parseInt(hex.substring(1, 3), 16);
        int g = Integer.parseInt(hex.substring(3, 5), 16);
        int b = Integer.parseInt(hex.substring(5, 7), 16);
        String lower = svg.toLowerCase(java.util.Locale.ROOT);
        return lower.contains(hex.toLowerCase(java.util.Locale.ROOT)) || lower.contains("rgb(" + r + "," + g + "," + b + ")")
                || lower.contains("rgb(" + r + ", " + g + ", " + b + ")");
    }

    @Test
    void everyActivationKeepsItsColourWhateverElseIsDrawn() {
        // ReLU alone, and ReLU after two others: lets-plot's default palette would colour it differently.
        String alone = Charts.lines("a", List.of(1, 2), List.of(1.0, 2.0), List.of("relu", "relu"), "epoch", "y");
        String third = Charts.lines("b", List.of(1, 1, 1), List.of(1.0, 2.0, 3.0), List.of("tanh", "selu", "relu"),
                "epoch", "y");
        String relu = ActivationColors.of("relu");
        assertTrue(hasColor(alone, relu) && hasColor(third, relu), "ReLU's colour " + relu + " in both charts");
        assertFalse(hasColor(alone, ActivationColors.of("mish")), "no Mish in the first chart, so not its colour");
        // implementations and parameters of one function share its colour; distinct functions do not collide
        org.junit.jupiter.api.Assertions.assertEquals(ActivationColors.of("mish"), ActivationColors.of("mish:analytic"));
        org.junit.jupiter.api.Assertions.assertEquals(ActivationColors.of("elu"), ActivationColors.of("elu:1"));
        List<String> table1 = io.github.mishdjl.experiment.Presets.TABLE_1_ACTIVATIONS;
        org.junit.jupiter.api.Assertions.assertEquals(table1.size(),
                table1.stream().map(ActivationColors::of).distinct().count(), "Table 1's 13 colours are distinct");
        // two names of one colour in one chart still get two colours
        String both = Charts.lines("c", List.of(1, 1), List.of(1.0, 2.0), List.of("mish", "mish:analytic"), "x", "y");
        assertTrue(hasColor(both, ActivationColors.of("mish")), "the first keeps Mish's colour");
    }

    @Test
    void runCurvesMarkDivergedRunsChanceAndSinglePoints() {
        List<Charts.Series> series = List.of(
                new Charts.Series("mish", "mish seed 0", List.of(1, 2, 3), List.of(40.0, 55.0, 60.0), false),
                new Charts.Series("relu", "relu seed 0", List.of(1, 2), List.of(35.0, 12.0), true),
                new Charts.Series("swish", "swish seed 0", List.of(1), List.of(41.0), false));
        String svg = Charts.runs("r", series, "epoch", "test accuracy %", 10.0);
        assertTrue(svg.contains("x: diverged after") && svg.contains("dashed: chance"), "the legend says both");
        assertTrue(java.util.regex.Pattern.compile(">\\s*2\\s*<").matcher(svg).find()
                && !java.util.regex.Pattern.compile(">\\s*2\\.0\\s*<").matcher(svg).find(), "epochs are labelled as integers");
        String plain = Charts.runs("r", series.subList(0, 1), "epoch", "test accuracy %", null);
        assertFalse(plain.contains("diverged") || plain.contains("chance"), "nothing to mark, nothing said");
        // the cross is drawn: one more path (marker) than the same chart without the divergence
        List<Charts.Series> notDiverged = List.of(series.get(0),
                new Charts.Series("relu", "relu seed 0", List.of(1, 2), List.of(35.0, 12.0), false), series.get(2));
        String quiet = Charts.runs("r", notDiverged, "epoch", "test accuracy %", 10.0);
        assertTrue(count(svg, "<path") + count(svg, "<line") > count(quiet, "<path") + count(quiet, "<line"),
                "the diverged run's cross adds a marker");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Charts.runs("r",
                List.of(new Charts.Series("mish", "m", List.of(1, 2), List.of(1.0), false)), "x", "y", null));
    }

    /**
     * A NaN is a gap, not a value and not a bridge: a seed run at the shallowest and deepest depths only draws its
     * two points without the straight line between them that would pass for a measured decline; the line resumes
     * after the gap.
     */
    @Test
    void aGapBreaksTheLine() {
        Charts.Series other = new Charts.Series("mish", "mish seed 0", List.of(12, 14, 16, 18),
                List.of(98.0, 98.0, 97.0, 96.0), false);
        String bridged = Charts.runs("d", List.of(other, new Charts.Series("relu", "relu seed 2", List.of(12, 18),
                List.of(97.0, 40.0), false)), "N", "accuracy %", null);
        String gap = Charts.runs("d", List.of(other, new Charts.Series("relu", "relu seed 2", List.of(12, 14, 16, 18),
                List.of(97.0, Double.NaN, Double.NaN, 40.0), false)), "N", "accuracy %", null);
        // the same two points as two runs of one point each: nothing can join them
        String apart = Charts.runs("d", List.of(other, new Charts.Series("relu", "relu at 12", List.of(12),
                List.of(97.0), false), new Charts.Series("relu", "relu at 18", List.of(18), List.of(40.0), false)),
                "N", "accuracy %", null);
        // the lines drawn (SVG paths), measured on one scale: the gap draws what the two runs apart draw, the bridge
        // a long line more
        assertEquals(lineLength(apart), lineLength(gap), 1e-6, "no line across the gap");
        assertTrue(lineLength(bridged) > lineLength(gap) + 300, "the bridge is drawn when there is no gap");
        assertEquals(count(apart, "<circle"), count(gap, "<circle"), "its two points are drawn");
        assertFalse(gap.contains("NaN"), "no NaN reaches the plot");
        // after the gap the line resumes: 12, gap, 16, 18 draws the 16-18 segment
        String resumed = Charts.runs("d", List.of(other, new Charts.Series("relu", "relu seed 2", List.of(12, 14, 16,
                18), List.of(97.0, Double.NaN, 60.0, 40.0), false)), "N", "accuracy %", null);
        assertTrue(lineLength(resumed) > lineLength(gap) + 100, "a line from 16 to 18");
        assertTrue(lineLength(resumed) < lineLength(bridged), "and none from 12 to 16");
    }

    /** The total length of the polylines an SVG's paths draw ("M x y L x y ..."), in pixels. */
    private static double lineLength(String svg) {
        double total = 0;
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("<path[^>]* d=\"([^\"]*)\"").matcher(svg);
        java.util.regex.Pattern step = java.util.regex.Pattern.compile(
                "([ML])\\s*(-?[0-9.]+(?:[eE]-?[0-9]+)?)[\\s,]+(-?[0-9.]+(?:[eE]-?[0-9]+)?)");
        while (path.find()) {
            java.util.regex.Matcher m = step.matcher(path.group(1));
            double px = Double.NaN;
            double py = Double.NaN;
            while (m.find()) {
                double x = Double.parseDouble(m.group(2));
                double y = Double.parseDouble(m.group(3));
                if (m.group(1).equals("L")) {
                    total += Math.hypot(x - px, y - py);
                }
                px = x;
                py = y;
            }
        }
        return total;
    }

    @Test
    void meansDrawIntervalsNotBarsFromZero() {
        String svg = Charts.means("m", List.of("resnet20", "resnet20"), List.of(85.0, 84.0), List.of(84.0, 83.5),
                List.of(86.0, 84.5), List.of("mish", "relu"), "accuracy % (mean and 95% CI over seeds)", 10.0);
        assertTrue(svg.startsWith("<svg") && svg.contains("95% CI") && hasColor(svg, ActivationColors.of("mish")),
                svg.substring(0, 200));
        assertFalse(svg.contains("<rect") && svg.contains("height=\"0"), "no bars");
    }

    @Test
    void imagesMeantToBeComparedShareOneColourScale() {
        List<Integer> x = List.of(0, 1);
        List<Integer> y = List.of(0, 0);
        double[] limits = {0, 2};
        // 0.5 is the low end of one image and the high end of the other: fitted scales colour it differently,
        // a shared scale the same.
        String a = Charts.heatmap("a", x, y, List.of(0.5, 2.0), 200, limits);
        String b = Charts.heatmap("b", x, y, List.of(0.0, 0.5), 200, limits);
        // fitted: each image spans the whole gradient, so both use the same two end colours (0.5 is the dark end of
        // one and the bright end of the other); shared: the two images use different colours, 0.5 the same in both
        org.junit.jupiter.api.Assertions.assertEquals(fills(Charts.heatmap("a", x, y, List.of(0.5, 2.0), 200)),
                fills(Charts.heatmap("b", x, y, List.of(0.0, 0.5), 200)));
        java.util.Set<String> fillsA = fills(a);
        java.util.Set<String> fillsB = fills(b);
        org.junit.jupiter.api.Assertions.assertNotEquals(fillsA, fillsB);
        java.util.Set<String> common = new java.util.HashSet<>(fillsA);
        common.retainAll(fillsB);
        assertFalse(common.isEmpty(), "0.5 has one colour in both images");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Charts.heatmap("c", x, y, List.of(0.0, 1.0), 200, new double[] {1, 1}));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** The fill colours of the tiles (rect elements) in an SVG. */
    private static java.util.Set<String> fills(String svg) {
        java.util.Set<String> out = new java.util.HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<rect[^>]*fill=\"([^\"]+)\"").matcher(svg);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
