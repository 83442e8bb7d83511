package io.github.mishdjl.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Charts from lets-plot specs, static SVG by default (no JavaScript, so they render offline, in any browser and
 * any notebook viewer); {@link #drawing} draws them interactively within a scope. Each chart is a small
 * ggplot-like spec: data columns, aesthetics, layers.
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

    /** The mode of the current thread's drawing ({@link #drawing}); static SVG outside it. No global switch. */
    private static final ThreadLocal<@Nullable Mode> MODE = new ThreadLocal<>();

    private Charts() {}

    /** The mode charts drawn now use: the innermost {@link #drawing} scope's, else static SVG. */
    public static Mode getMode() {
        Mode current = MODE.get();
        return current != null ? current : Mode.SVG;
    }

    /**
     * Runs {@code work} with every chart it draws in {@code mode}: the mode is an argument of the drawing, never a
     * global setting, so a notebook that draws its inline charts interactively cannot change what a report file
     * holds ({@link Report#write} draws in {@link Mode#SVG}).
     *
     * <pre>{@code
     * String html = Charts.drawing(Charts.Mode.INTERACTIVE, () -> Charts.lines(...));
     * }</pre>
     */
    public static <T> T drawing(Mode mode, java.util.function.Supplier<T> work) {
        Mode before = MODE.get();
        MODE.set(mode);
        try {
            return work.get();
        } finally {
            MODE.set(before);
        }
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
            scales(spec).set(0, integerScale(xLabel, x.stream().map(Number::longValue).distinct().sorted().toList()));
        }
        spec.put("mapping", Map.of("x", "x", "y", "y", "color", "activation"));
        spec.put("layers", List.of(Map.of("geom", "line", "size", 1.2), Map.of("geom", "point", "size", 2.5)));
        addColors(spec, "color", group);
        return svg(spec, 640, 360);
    }

    /**
     * One run's curve: its points in order, its activation (the colour) and whether it diverged after its last
     * point.
     *
     * @param activation registry name: the colour ({@link ActivationColors})
     * @param run a label unique to the run (e.g. "mish seed 2"): one line each
     * @param x the x values (e.g. epochs)
     * @param y the y values; NaN is a gap (e.g. a depth not run yet): no point there, and the line breaks instead of
     *     bridging it
     * @param diverged the run stopped with a NaN or infinite loss after its last point: marked with a cross
     */
    public record Series(String activation, String run, List<? extends Number> x, List<? extends Number> y,
            boolean diverged) {}

    /**
     * Curves of several runs, coloured by activation (seeds of one activation share its colour), a cross where a
     * run diverged (never bridged or silently dropped), integer ticks for whole-number x (epochs), and a dashed
     * line at chance level when given.
     *
     * @param title the chart's title
     * @param series one per run
     * @param xLabel x axis title
     * @param yLabel y axis title
     * @param chance the chance level on the y scale (e.g. 10 for accuracy % with ten classes); null: none
     * @return an SVG document
     */
    public static String runs(String title, List<Series> series, String xLabel, String yLabel,
            @Nullable Double chance) {
        return runs(title, series, xLabel, yLabel, chance, List.of());
    }

    /**
     * A published curve to draw beside runs (e.g. the paper's Mish accuracy per depth): dotted, with open points,
     * named in the title, so it never passes for one of ours; dark grey, or the colour of its activation when it is
     * one activation's curve (e.g. the repository plot's Swish, read by eye).
     *
     * @param label what it is, e.g. "the paper's Mish, one run per depth"; references that share a label are named
     *     once
     * @param activation the activation whose colour it takes, or null for dark grey
     * @param x its x values
     * @param y its y values
     */
    public record Reference(String label, @Nullable String activation, List<? extends Number> x,
            List<? extends Number> y) {
        public Reference {
            if (x.size() != y.size()) {
                throw new IllegalArgumentException(label + ": " + x.size() + " x values, " + y.size() + " y");
            }
        }

        /** A dark grey reference, of no one activation. */
        public Reference(String label, List<? extends Number> x, List<? extends Number> y) {
            this(label, null, x, y);
        }
    }

    /**
     * Like {@link #runs(String, List, String, String, Double)}, with published curves beside the runs (e.g. one per
     * activation, each in its colour).
     *
     * @param references drawn dotted, named in the title; one overload only, so that a call reads the same from
     *     Java and Kotlin ({@code List.of(reference)} for one; the five-argument form for none)
     */
    public static String runs(String title, List<Series> series, String xLabel, String yLabel,
            @Nullable Double chance, List<Reference> references) {
        List<Object> x = new ArrayList<>();
        List<Object> y = new ArrayList<>();
        List<String> activation = new ArrayList<>();
        List<String> run = new ArrayList<>();
        List<Object> endX = new ArrayList<>();
        List<Object> endY = new ArrayList<>();
        List<String> endActivation = new ArrayList<>();
        List<String> endRun = new ArrayList<>();
        boolean whole = true;
        for (Series s : series) {
            if (s.x().size() != s.y().size()) {
                throw new IllegalArgumentException(s.run() + ": " + s.x().size() + " x values, " + s.y().size() + " y");
            }
            // a NaN value is a gap (a depth not run yet): the line breaks there rather than bridging it, each part
            // a group of its own
            int segment = 0;
            int last = -1;
            for (int i = 0; i < s.x().size(); i++) {
                Number xv = s.x().get(i);
                whole &= xv instanceof Integer || xv instanceof Long;
                if (Double.isNaN(s.y().get(i).doubleValue())) {
                    segment += last == i - 1 && last >= 0 ? 1 : 0;
                    continue;
                }
                x.add(xv);
                y.add(s.y().get(i));
                activation.add(s.activation());
                run.add(segment == 0 ? s.run() : s.run() + " (part " + (segment + 1) + ")");
                last = i;
            }
            if (s.diverged() && last >= 0) {
                endX.add(s.x().get(last));
                endY.add(s.y().get(last));
                endActivation.add(s.activation());
                endRun.add(s.run());
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("x", x);
        data.put("y", y);
        data.put("activation", activation);
        data.put("run", run);
        List<String> notes = new ArrayList<>();
        if (chance != null) {
            notes.add("dashed: chance");
        }
        references.stream().map(Reference::label).distinct().forEach(l -> notes.add("dotted: " + l));
        if (!endX.isEmpty()) {
            notes.add("x: diverged after");
        }
        Map<String, Object> spec = base(notes.isEmpty() ? title : title + " (" + String.join("; ", notes) + ")", data,
                xLabel, yLabel);
        for (Reference reference : references) {
            for (Number xv : reference.x()) {
                whole &= xv instanceof Integer || xv instanceof Long;
            }
        }
        List<Long> values = java.util.stream.Stream.concat(x.stream(),
                        references.stream().flatMap(r -> r.x().stream()))
                .map(v -> ((Number) v).longValue()).distinct().sorted().toList();
        if (whole && values.size() <= 25) {
            // whole numbers (epochs, depths): ticks on them only, labelled "3" rather than "3.0"; beyond 25 values
            // the default ticks read better
            scales(spec).set(0, integerScale(xLabel, values));
        }
        // the runs' layers map colour and group themselves: a reference curve's data has neither column
        spec.put("mapping", Map.of("x", "x", "y", "y"));
        Map<String, Object> byRun = Map.of("color", "activation", "group", "run");
        List<Object> layers = new ArrayList<>();
        if (chance != null) {
            layers.add(Map.of("geom", "hline", "yintercept", chance, "linetype", "dashed", "color", "#888888"));
        }
        List<String> colored = new ArrayList<>(activation);
        for (Reference reference : references) {
            Map<String, Object> published = new LinkedHashMap<>();
            published.put("x", new ArrayList<>(reference.x()));
            published.put("y", new ArrayList<>(reference.y()));
            Map<String, Object> line = new LinkedHashMap<>(Map.of("geom", "line", "data", published, "linetype",
                    "dotted", "size", 0.9, "mapping", Map.of("x", "x", "y", "y")));
            Map<String, Object> points = new LinkedHashMap<>(Map.of("geom", "point", "data", published, "shape", 1,
                    "size", 2.0, "mapping", Map.of("x", "x", "y", "y")));
            for (Map<String, Object> layer : List.of(line, points)) {
                if (reference.activation() == null) {
                    layer.put("color", "#444444");
                } else {
                    // its activation's colour, through the chart's one colour scale
                    layer.put("mapping", Map.of("x", "x", "y", "y", "color", "activation"));
                }
                layers.add(layer);
            }
            if (reference.activation() != null) {
                published.put("activation", java.util.Collections.nCopies(reference.x().size(),
                        reference.activation()));
                colored.add(reference.activation());
            }
        }
        layers.add(Map.of("geom", "line", "size", 1.0, "mapping", byRun));
        // A single point per run draws no line: points make every value visible, however short the run.
        layers.add(Map.of("geom", "point", "size", 2.0, "mapping", byRun));
        if (!endX.isEmpty()) {
            Map<String, Object> ends = new LinkedHashMap<>();
            ends.put("x", endX);
            ends.put("y", endY);
            ends.put("activation", endActivation);
            ends.put("run", endRun);
            layers.add(Map.of("geom", "point", "data", ends, "shape", 4, "size", 6, "stroke", 2,
                    "mapping", Map.of("x", "x", "y", "y", "color", "activation")));
        }
        spec.put("layers", layers);
        addColors(spec, "color", colored);
        // the notes make long titles: the chart widens with its title instead of clipping it (about 7.5 px a
        // character at lets-plot's title size, after the y axis)
        String shown = (String) ((Map<?, ?>) spec.get("ggtitle")).get("text");
        return svg(spec, Math.max(640, 70 + 7.5 * shown.length()), 360);
    }

    /**
     * A mean per category and group with its interval (e.g. accuracy per architecture, one point and interval per
     * activation, side by side), on a scale fitted to the data rather than from zero, with chance level dashed
     * when given.
     *
     * @param title the chart's title
     * @param category the x category of each point
     * @param mean the point
     * @param low the interval's lower end
     * @param high the interval's upper end
     * @param activation the group (colour) of each point
     * @param yLabel y axis title, saying what the interval is (e.g. "accuracy % (mean and 95% CI over seeds)")
     * @param chance chance level on the y scale; null: none
     * @return an SVG document
     */
    public static String means(String title, List<String> category, List<? extends Number> mean,
            List<? extends Number> low, List<? extends Number> high, List<String> activation, String yLabel,
            @Nullable Double chance) {
        return means(title, category, mean, low, high, activation, yLabel, chance, 0);
    }

    /**
     * {@link #means} on a y scale at least {@code minSpan} tall (centred on the data), so that differences far below
     * what the runs can resolve (single runs a few hundredths of a point apart) do not fill the chart.
     */
    public static String means(String title, List<String> category, List<? extends Number> mean,
            List<? extends Number> low, List<? extends Number> high, List<String> activation, String yLabel,
            @Nullable Double chance, double minSpan) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("category", new ArrayList<>(category));
        data.put("mean", new ArrayList<>(mean));
        data.put("low", new ArrayList<>(low));
        data.put("high", new ArrayList<>(high));
        data.put("activation", new ArrayList<>(activation));
        Map<String, Object> spec = base(chance == null ? title : title + " (dashed: chance)", data, "", yLabel);
        spec.put("mapping", Map.of("x", "category", "y", "mean", "color", "activation"));
        List<Object> layers = new ArrayList<>();
        if (chance != null) {
            layers.add(Map.of("geom", "hline", "yintercept", chance, "linetype", "dashed", "color", "#888888"));
        }
        layers.add(Map.of("geom", "pointrange", "mapping", Map.of("ymin", "low", "ymax", "high"), "size", 0.8,
                "position", Map.of("name", "dodge", "width", 0.6)));
        spec.put("layers", layers);
        double[] limits = atLeast(low, high, chance, minSpan);
        if (limits != null) {
            List<Object> scales = new ArrayList<>(scales(spec));
            scales.replaceAll(o -> o instanceof Map<?, ?> m && "y".equals(m.get("aesthetic"))
                    ? Map.of("aesthetic", "y", "name", yLabel, "limits", List.of(limits[0], limits[1])) : o);
            spec.put("scales", scales);
        }
        addColors(spec, "color", activation);
        return svg(spec, 640, 360);
    }

    /** Y limits {low, high} at least {@code minSpan} apart around the data (and chance), or null when it is. */
    static double @Nullable [] atLeast(List<? extends Number> low, List<? extends Number> high,
            @Nullable Double chance, double minSpan) {
        java.util.DoubleSummaryStatistics range = new java.util.DoubleSummaryStatistics();
        low.forEach(v -> range.accept(v.doubleValue()));
        high.forEach(v -> range.accept(v.doubleValue()));
        if (chance != null) {
            range.accept(chance);
        }
        if (range.getCount() == 0 || range.getMax() - range.getMin() >= minSpan) {
            return null;
        }
        double centre = (range.getMax() + range.getMin()) / 2;
        return new double[] {centre - minSpan / 2, centre + minSpan / 2};
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
        addColors(spec, "color", group);
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
        addColors(spec, "fill", group);
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
        return forest(title, labels, estimate, low, high, null, axis);
    }

    /**
     * Like {@link #forest(String, List, List, List, List, String)}, each row's point in the colour of its activation
     * ({@link ActivationColors}).
     *
     * @param activation one per row; null: one colour for all
     */
    public static String forest(String title, List<String> labels, List<? extends Number> estimate,
            List<? extends Number> low, List<? extends Number> high, @Nullable List<String> activation, String axis) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (activation != null) {
            data.put("activation", new ArrayList<>(activation));
        }
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
                activation == null ? Map.of("geom", "point", "size", 3.5)
                        : Map.of("geom", "point", "size", 3.5, "mapping", Map.of("color", "activation"))));
        spec.put("coord", Map.of("name", "flip"));
        // flipped, a discrete axis runs bottom to top: its limits reversed, the rows read down in the caller's
        // (the tables') order
        List<Object> scales = new ArrayList<>((List<?>) spec.get("scales"));
        List<String> rows = new ArrayList<>(labels);
        if (new java.util.HashSet<>(rows).size() != rows.size()) {
            // rows sharing a label are drawn at one place, one hiding the other
            throw new IllegalArgumentException("forest rows need distinct labels: " + labels);
        }
        java.util.Collections.reverse(rows);
        scales.set(0, Map.of("aesthetic", "x", "name", "", "discrete", true, "limits", rows));
        spec.put("scales", scales);
        if (activation != null) {
            addColors(spec, "color", activation);
        }
        // long row labels (a claim per row) push the panel, and the title that starts over it, to the right: the
        // chart widens with them instead of clipping the title
        int longest = labels.stream().mapToInt(String::length).max().orElse(0);
        return svg(spec, 640 + 7 * Math.max(0, longest - 20), Math.max(180, 70 + 45 * labels.size()));
    }

    /**
     * A raster image of z over an (x, y) grid: one tile per point (e.g. a network's output landscape).
     *
     * @return an SVG document
     */
    public static String heatmap(String title, List<? extends Number> x, List<? extends Number> y,
            List<? extends Number> z, double size) {
        return heatmap(title, x, y, z, size, null);
    }

    /**
     * Like {@link #heatmap(String, List, List, List, double)} on a fixed colour scale: images meant to be compared
     * (one per activation) take the same {@code limits}, so one colour means one value in all of them.
     *
     * @param limits {low, high} of the colour scale; null: fitted to this image alone
     * @return an SVG document
     */
    public static String heatmap(String title, List<? extends Number> x, List<? extends Number> y,
            List<? extends Number> z, double size, double @Nullable [] limits) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("x", new ArrayList<>(x));
        data.put("y", new ArrayList<>(y));
        data.put("z", new ArrayList<>(z));
        Map<String, Object> spec = base(title, data, "x", "y");
        spec.put("mapping", Map.of("x", "x", "y", "y", "fill", "z"));
        spec.put("layers", List.of(Map.of("geom", "tile")));
        List<Object> scales = new ArrayList<>((List<?>) spec.get("scales"));
        Map<String, Object> fill = new LinkedHashMap<>(Map.of("aesthetic", "fill", "scale_mapper_kind",
                "color_gradient", "low", "#0d0887", "high", "#f0f921"));
        if (limits != null) {
            if (limits.length != 2 || !(limits[0] < limits[1])) {
                throw new IllegalArgumentException("limits must be {low, high} with low < high");
            }
            fill.put("limits", List.of(limits[0], limits[1]));
        }
        scales.add(fill);
        spec.put("scales", scales);
        spec.put("coord", Map.of("name", "fixed", "ratio", 1.0));
        return svg(spec, size, size * 0.9);
    }

    /** An x scale with a tick at each of {@code values}, labelled as integers. */
    private static Map<String, Object> integerScale(String name, List<Long> values) {
        return Map.of("aesthetic", "x", "name", name, "breaks", values.stream().map(Long::doubleValue).toList(),
                "labels", values.stream().map(String::valueOf).toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> scales(Map<String, Object> spec) {
        return (List<Object>) spec.get("scales");
    }

    /**
     * Fixes the colour of every activation in {@code names} ({@link ActivationColors}): a manual scale over the
     * names present, in order of appearance. Two names that would share a colour (implementations of one function,
     * a hash collision) get distinct ones, so no chart ever merges two groups.
     */
    static void addColors(Map<String, Object> spec, String aesthetic, List<String> names) {
        List<String> limits = names.stream().distinct().toList();
        List<String> values = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (String name : limits) {
            String color = ActivationColors.of(name);
            for (int i = 0; used.contains(color) && i < SPARE.size(); i++) {
                color = SPARE.get(i);
            }
            used.add(color);
            values.add(color);
        }
        List<Object> scales = new ArrayList<>(scales(spec));
        scales.add(Map.of("aesthetic", aesthetic, "limits", limits, "values", values, "name", "activation"));
        spec.put("scales", scales);
    }

    private static final List<String> SPARE = List.of("#444444", "#1B9E77", "#7570B3", "#E7298A", "#66A61E",
            "#E6AB02", "#A6761D", "#666666", "#A6CEE3", "#FB9A99");

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
        return getMode() == Mode.INTERACTIVE ? LetsPlotExport.interactive(spec, width, height)
                : LetsPlotExport.svg(spec, width, height);
    }
}
