package io.github.mishdjl.report;

import java.util.Map;
import jetbrains.datalore.base.geometry.DoubleVector;
import jetbrains.datalore.plot.PlotHtmlExport;
import jetbrains.datalore.plot.PlotHtmlHelper;
import jetbrains.datalore.plot.PlotSvgExport;
import org.jspecify.annotations.NullMarked;

/**
 * The only place that calls lets-plot's export classes ({@code PlotSvgExport}, {@code PlotHtmlExport},
 * {@code PlotHtmlHelper}): lets-plot uses them internally and may move them between releases. The first use checks
 * that they are there as this library was built against them, and otherwise fails with a message naming the
 * lets-plot version expected.
 */
@NullMarked
final class LetsPlotExport {

    /** The lets-plot-common release whose export classes (not its public API) draw the charts. */
    static final String EXPECTED = "3.2.0";

    private static volatile boolean checked;

    private LetsPlotExport() {}

    /** A static SVG document of a raw lets-plot spec. */
    static String svg(Map<String, Object> spec, double width, double height) {
        selfCheck();
        try {
            return PlotSvgExport.INSTANCE.buildSvgImageFromRawSpecs(spec, new DoubleVector(width, height));
        } catch (LinkageError e) {
            throw mismatch(e.toString(), e);
        }
    }

    /** lets-plot's interactive HTML of a raw spec, in an iframe that loads lets-plot's script from the network. */
    static String interactive(Map<String, Object> spec, double width, double height) {
        selfCheck();
        try {
            return PlotHtmlExport.INSTANCE.buildHtmlFromRawSpecs(spec, PlotHtmlHelper.INSTANCE.scriptUrl(EXPECTED),
                    true, new DoubleVector(width, height));
        } catch (LinkageError e) {
            throw mismatch(e.toString(), e);
        }
    }

    /** The self-check of first use: the three entry points exist with the signatures called here. */
    static void selfCheck() {
        if (checked) {
            return;
        }
        try {
            expect(PlotSvgExport.class.getMethod("buildSvgImageFromRawSpecs", Map.class, DoubleVector.class));
            expect(PlotHtmlExport.class.getMethod("buildHtmlFromRawSpecs", Map.class, String.class, boolean.class,
                    DoubleVector.class));
            expect(PlotHtmlHelper.class.getMethod("scriptUrl", String.class));
        } catch (NoSuchMethodException | LinkageError e) {
            throw mismatch(e.toString(), e);
        }
        checked = true;
    }

    private static void expect(java.lang.reflect.Method method) {
        if (method.getReturnType() != String.class) {
            throw mismatch(method + " returns " + method.getReturnType().getName() + ", not a String", null);
        }
    }

    static IllegalStateException mismatch(String what, @org.jspecify.annotations.Nullable Throwable cause) {
        return new IllegalStateException("Charts are drawn with lets-plot-common " + EXPECTED + "'s export classes, "
                + "which this class path does not have as expected (" + what + "); depend on "
                + "org.jetbrains.lets-plot:lets-plot-common:" + EXPECTED + " (mish-experiments brings it; another "
                + "version on the class path wins over it)", cause);
    }
}
