package io.github.mishdjl.experiment;

import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.Progress;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;

/**
 * Recovers the final weights of a finished run by training it again from its stored spec. Weights are local (never
 * committed), so a fresh checkout of a results folder has the runs' records but not their networks; an analysis that
 * needs a network (the loss landscape) gets it back this way. The retrained run is used only if it reproduces its
 * record exactly: every epoch's losses, accuracies and learning rate bit for bit (times aside). Training here is
 * deterministic given the spec, the data and the number of threads, so a mismatch means something differs (most often
 * the thread count) and the weights would belong to a network other than the one the results describe.
 */
@NullMarked
public final class Retraining {

    private Retraining() {}

    /**
     * What retraining gave.
     *
     * @param reproduced every epoch matched the record exactly; the weights are then at {@code store.weights(id)}
     * @param epochs epochs compared
     * @param largestDifference the largest absolute difference of any recorded number (0 when reproduced)
     * @param detail one line for the log: what matched, or where it first differed and a likely cause
     */
    public record Outcome(boolean reproduced, int epochs, double largestDifference, String detail) {}

    /**
     * Retrains {@code recorded} (in a scratch folder beside the results, resumable if interrupted) and, if it
     * reproduces its record, moves its final weights to {@code store.weights(id)}; otherwise discards them.
     *
     * @param store the results folder holding the run
     * @param recorded the finished run, as stored
     * @param data its dataset's splits
     * @param progress per-epoch progress of the retraining
     * @throws IllegalArgumentException if the run did not finish (a diverged run has no weights to recover)
     */
    public static Outcome recoverWeights(ResultsStore store, RunResult recorded, Datasets.Splits data,
            Progress progress) {
        if (!"finished".equals(recorded.status())) {
            throw new IllegalArgumentException(recorded.id() + " is " + recorded.status()
                    + ": only a finished run has weights to recover");
        }
        Path scratch = store.scratch(recorded.id());
        Path weights = scratch.resolve("weights");
        try {
            RunResult again = TrainingRun.run(recorded.spec(), data, scratch.resolve("checkpoints"), weights, progress);
            Outcome outcome = compare(recorded, again);
            if (outcome.reproduced()) {
                Path target = store.weights(recorded.id());
                Files.createDirectories(target.getParent());
                io.github.mishdjl.files.FileTrees.delete(target);
                Files.move(weights, target, StandardCopyOption.ATOMIC_MOVE);
            }
            io.github.mishdjl.files.FileTrees.delete(scratch);
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot place the retrained weights of " + recorded.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Compares a run trained again (here, or in another results folder under the same spec) with its record, epoch
     * by epoch and number by number, times aside.
     *
     * @param recorded the run as first recorded
     * @param again the same spec trained again
     * @return whether every epoch matched exactly, and where the two first differ if not
     */
    public static Outcome compare(RunResult recorded, RunResult again) {
        List<EpochStats> a = recorded.history();
        List<EpochStats> b = again.history();
        if (!"finished".equals(again.status()) || a.size() != b.size()) {
            return new Outcome(false, Math.min(a.size(), b.size()), Double.POSITIVE_INFINITY, String.format(Locale.ROOT,
                    "retrained run %s with %d epochs, the record finished with %d", again.status(), b.size(),
                    a.size()) + threadsNote(recorded, again));
        }
        double largest = 0;
        String first = "";
        for (int i = 0; i < a.size(); i++) {
            double[] x = numbers(a.get(i));
            double[] y = numbers(b.get(i));
            for (int k = 0; k < x.length; k++) {
                double d = Math.abs(x[k] - y[k]);
                if (Double.compare(x[k], y[k]) != 0 && first.isEmpty()) {
                    first = String.format(Locale.ROOT, "epoch %d, %s: recorded %s, retrained %s", i + 1, NAMES[k],
                            x[k], y[k]);
                }
                largest = Math.max(largest, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
            }
        }
        if (first.isEmpty()) {
            return new Outcome(true, a.size(), 0, "reproduced its record exactly at " + (a.size() == 1 ? "its one epoch"
                    : "all " + a.size() + " epochs"));
        }
        return new Outcome(false, a.size(), largest, "differs from its record from " + first
                + String.format(Locale.ROOT, " (largest difference %.3g)", largest) + threadsNote(recorded, again));
    }

    private static final String[] NAMES = {"train loss", "train accuracy", "test loss", "test accuracy", "test top-5",
        "learning rate"};

    private static double[] numbers(EpochStats s) {
        return new double[] {s.trainLoss(), s.trainAccuracy(), s.testLoss(), s.testAccuracy(), s.testTop5(),
            s.learningRate()};
    }

    /**
     * The likeliest cause of a mismatch, when it applies: the two trained with different numbers of intra-op threads
     * (the rerun's own record says how many it had: this process's, or another folder's).
     */
    private static String threadsNote(RunResult recorded, RunResult again) {
        String was = recorded.environment().get("threads");
        String now = again.environment().getOrDefault("threads", TrainingRun.environment().get("threads"));
        return was != null && !was.equals(now) ? "; the record trained with " + was + " threads, the rerun with " + now
                + ": retrain with --threads " + was : "";
    }
}
