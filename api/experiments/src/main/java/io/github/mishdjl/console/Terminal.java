package io.github.mishdjl.console;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Progress on long work: a bar redrawn in place on an interactive terminal, plain lines in a log (a background grid's
 * output), decided in one place for every command and download.
 */
@NullMarked
public final class Terminal {

    private Terminal() {}

    /**
     * Whether the JVM runs on an interactive terminal. Up to JDK 21, {@code System.console()} is null when input or
     * output is redirected; from JDK 22 it returns a console even then, and {@code Console.isTerminal()} (JDK 22+,
     * called reflectively: the library targets 17) tells.
     */
    public static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a console at all means a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * A progress bar with ETA on stderr, or null without an interactive terminal (the caller then logs lines).
     *
     * @param task the bar's label
     * @param steps steps to the end
     */
    public static @Nullable ProgressBar bar(String task, long steps) {
        return bar(task, steps, "", 1);
    }

    /**
     * Like {@link #bar(String, long)}, counting in a unit (e.g. " images").
     *
     * @param unit the unit's name, after the counts
     * @param unitSize steps per unit
     */
    public static @Nullable ProgressBar bar(String task, long steps, String unit, long unitSize) {
        if (!interactive()) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII).setInitialMax(steps)
                .setUnit(unit, unitSize).setUpdateIntervalMillis(500).continuousUpdate().build();
    }
}
