package io.github.mishdjl.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jetbrains.datalore.base.geometry.DoubleVector;
import jetbrains.datalore.plot.PlotSvgExport;
import org.jspecify.annotations.NullMarked;

/**
 * Static SVG charts from lets-plot specs (no JavaScript, so they render offline, in any browser and any
 * notebook viewer). Each chart is a small ggplot-like spec: data columns, aesthetics, layers.
 */
@NullMarked
public final class Charts {

    /** How charts are drawn. */
    public enum Mode {
        /** Static SVG: offline, visible in any viewer (the default). */
        SVG,
        /**
         * lets-plot's interactive JavaScript in an iframe (tooltips, zoom). Needs the network: the script comes
         * from lets-plot's own published location, so offline pages show nothing.
         */
        INTERACTIVE
    }

    private static volatile Mode mode = Mode.SVG;

    private Charts() {}

    /** Switches every chart drawn from now on (e.g. from a notebook: {@code Charts.setMode(Charts.Mode.INTERACTIVE)}). */
    public static void setMode(Mode newMode) {
        mode = newMode;
    }

    public static Mode getMode() {
        return mode;
    }

    /**
     * Lines of y against x, one per group (e.g. test accuracy per epoch, one line per activation).
     *
     * @param title the chart's title
     * @param x the x values
     * @param y the y values
     * @param group the group of each point
     * @param xLabel x axis title
     * @param yLabel y axis title
     * @return an SVG document
     */
    public static String lines(String title, List<? extends Number> x, List<? extends Number> y, List<String> group,
            String xLabel, String yLabel) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("x", new ArrayList<>(x));
        data.put("y", new ArrayList<>(y));
        data.put("activation", new ArrayList<>(group));
        Map<String, Object> spec = base(title, data, xLabel, yLabel);
        if (x.stream().allMatch(v -> v instanceof Integer || v instanceof Long)) {
            // whole numbers (epochs): ticks on them only
            List<Object> breaks = x.stream().map(Number::doubleValue).distinct().sorted().collect(
                    java.util.stream.Collectors.toList());
            @SuppressWarnings("unchecked")
            List<Object> scales = (List<Object>) spec.get("scales");
            scales.set(0, Map.of("aesthetic", "x", "name", xLabel, "breaks", breaks));
        }
        spec.put("mapping", Map.of("x", "x", "y", "y", "color", "activation"));
        spec.put("layers", List.of(Map.of("geom", "line", "size", 1.2), Map.of("geom", "point", "size", 2.5)));
        return svg(spec, 640, 360);
    }

    /** Like {@link #lines} without point markers: for dense curves (hundreds of points per line). */
    public static String curves(String title, List<? extends Number> x, List<? extends Number> y, List<String> group,
            String xLabel, String yLabel) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("x", new ArrayList<>(x));
        data.put("y", new ArrayList<>(y));
        data.put("activation", new ArrayList<>(group));
        Map<String, Object> spec = base(title, data, xLabel, yLabel);
        spec.put("mapping", Map.of("x", "x", "y", "y", "color", "activation"));
        spec.put("layers", List.of(Map.of("geom", "line", "size", 1.1)));
        return svg(spec, 640, 360);
    }

    /**
     * Bars of a value per category, grouped side by side (e.g. accuracy per architecture, one bar per activation).
     *
     * @return an SVG document
     */
    public static String bars(String title, List<String> category, List<? extends Number> value, List<String> group,
            String yLabel) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("category", new ArrayList<>(category));
        data.put("value", new ArrayList<>(value));
        data.put("activation", new ArrayList<>(group));
        Map<String, Object> spec = base(title, data, "", yLabel);
        spec.put("mapping", Map.of("x", "category", "y", "value", "fill", "activation"));
        spec.put("layers", List.of(Map.of("geom", "bar", "stat", "identity", "position", "dodge")));
        return svg(spec, 640, 360);
    }

    /**
     * A forest plot: one row per comparison, its point estimate and interval as a horizontal bar, and a dashed
     * line at zero (no difference), so a reader sees at once which intervals exclude it and how wide they are.
     *
     * @param title the chart's title
     * @param labels one per row (e.g. "relu - mish")
     * @param estimate the point estimates
     * @param low the intervals' lower ends
     * @param high the intervals' upper ends
     * @param axis what the estimates measure, e.g. "difference in test accuracy, points (95% CI)"
     * @return an SVG document
     */
    public static String forest(String title, List<String> labels, List<? extends Number> estimate,
            List<? extends Number> low, List<? extends Number> high, String axis) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("label", new ArrayList<>(labels));
        data.put("estimate", new ArrayList<>(estimate));
        data.put("low", new ArrayList<>(low));
        data.put("high", new ArrayList<>(high));
        Map<String, Object> spec = base(title, data, "", axis);
        spec.put("mapping", Map.of("x", "label", "y", "estimate"));
        spec.put("layers", List.of(
                Map.of("geom", "hline", "yintercept", 0, "linetype", "dashed", "color", "#888888"),
                Map.of("geom", "errorbar", "mapping", Map.of("ymin", "low", "ymax", "high"), "width", 0.25,
                        "size", 1.0),
                Map.of("geom", "point", "size", 3.5)));
        spec.put("coord", Map.of("name", "flip"));
        return svg(spec, 640, Math.max(180, 70 + 45 * labels.size()));
    }

    /**
     * A raster image of z over an (x, y) grid: one tile per point (e.g. a network's output landscape).
     *
     * @return an SVG document
     */
    public static String heatmap(String title, List<? extends Number> x, List<? extends Number> y,
            List<? extends Number> z, double size) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("x", new ArrayList<>(x));
        data.put("y", new ArrayList<>(y));
        data.put("z", new ArrayList<>(z));
        Map<String, Object> spec = base(title, data, "x", "y");
        spec.put("mapping", Map.of("x", "x", "y", "y", "fill", "z"));
        spec.put("layers", List.of(Map.of("geom", "tile")));
        List<Object> scales = new ArrayList<>((List<?>) spec.get("scales"));
        scales.add(Map.of("aesthetic", "fill", "scale_mapper_kind", "color_gradient", "low", "#0d0887",
                "high", "#f0f921"));
        spec.put("scales", scales);
        spec.put("coord", Map.of("name", "fixed", "ratio", 1.0));
        return svg(spec, size, size * 0.9);
    }

    private static Map<String, Object> base(String title, Map<String, Object> data, String xLabel, String yLabel) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", "plot");
        spec.put("data", data);
        spec.put("ggtitle", Map.of("text", title));
        List<Object> scales = new ArrayList<>();
        scales.add(Map.of("aesthetic", "x", "name", xLabel));
        scales.add(Map.of("aesthetic", "y", "name", yLabel));
        spec.put("scales", scales);
        spec.put("theme", Map.of("name", "minimal2"));
        return spec;
    }

    private static String svg(Map<String, Object> spec, double width, double height) {
        if (mode == Mode.INTERACTIVE) {
            return jetbrains.datalore.plot.PlotHtmlExport.INSTANCE.buildHtmlFromRawSpecs(spec,
                    jetbrains.datalore.plot.PlotHtmlHelper.INSTANCE.scriptUrl("3.2.0"), true,
                    new DoubleVector(width, height));
        }
        return PlotSvgExport.INSTANCE.buildSvgImageFromRawSpecs(spec, new DoubleVector(width, height));
    }
}
