package io.github.mishdjl.cli;

import io.github.mishdjl.console.Terminal;
import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.Progress;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import org.jspecify.annotations.Nullable;

/** A progress bar with ETA on a terminal; one line per epoch when the output is a log. */
final class ConsoleProgress implements Progress {

    private @Nullable ProgressBar bar;
    private int epochs;

    @Override
    public void runStarted(RunSpec spec, int firstEpoch, int batchesPerEpoch) {
        epochs = spec.protocol().epochs();
        if (firstEpoch > 1) {
            System.err.println("  resuming from the checkpoint after epoch " + (firstEpoch - 1));
        }
        bar = Terminal.bar("  " + spec.activation(), (long) batchesPerEpoch * (epochs - firstEpoch + 1));
    }

    @Override
    public void batchFinished(int epoch, int batch, int batches, double loss) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d loss %.3f", epoch, epochs, loss));
        }
    }

    @Override
    public void epochFinished(RunSpec spec, EpochStats s) {
        String line = String.format(Locale.ROOT, "  epoch %d/%d: train loss %.4f acc %.2f%%, test loss %.4f acc %.2f%% "
                + "(top-5 %.2f%%), lr %.2g, %.1f s%s", s.epoch(), epochs, s.trainLoss(), 100 * s.trainAccuracy(),
                s.testLoss(), 100 * s.testAccuracy(), 100 * s.testTop5(), s.learningRate(), s.seconds(),
                s.cpuSeconds() > 0 ? String.format(Locale.ROOT, " (CPU %.1f s)", s.cpuSeconds()) : "");
        if (bar == null) {
            System.err.println(line);
        }
    }

    @Override
    public void runFinished(RunResult result) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        System.err.println(String.format(Locale.ROOT, "  %s: test accuracy %.2f%% after %d epochs, %.1f s",
                result.status(), 100 * result.finalTestAccuracy(), result.history().size(), result.wallSeconds()));
    }
}
