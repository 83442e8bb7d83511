package io.github.mishdjl.bench;

import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.experiment.RecordedProtocols;
import io.github.mishdjl.train.EpochTiming;
import io.github.mishdjl.train.Progress;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.train.TrainingRun;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * What a full epoch of a network costs on its recorded protocol and real data, measured through the real training
 * loop ({@link TrainingRun}) on a slice of the epoch and projected to the whole: the median training step, the
 * batch preparation, and the evaluation per test batch, each timed separately, and the projected epoch over
 * (steps x median step), the overhead beyond the steps themselves. With {@code --full} the whole epoch runs and
 * nothing is projected.
 */
@NullMarked
public final class EpochBenchmark {

    /** Steps skipped before the medians (allocator and kernel caches warm up there). */
    public static final int WARMUP = 2;

    /**
     * One network with one activation.
     *
     * @param architecture zoo name
     * @param activation registry name
     * @param protocol the recorded protocol it ran (before slicing)
     * @param trainBatches training batches in a full epoch
     * @param testBatches test batches in a full evaluation
     * @param timedSteps training steps actually run
     * @param stepSeconds median training step
     * @param prepareSeconds median batch preparation
     * @param evalBatchSeconds evaluation per test batch
     * @param epochSeconds the full epoch (projected unless {@code measured})
     * @param measured whether a full epoch ran
     */
    public record Result(String architecture, String activation, String protocol, int trainBatches, int testBatches,
            int timedSteps, double stepSeconds, double prepareSeconds, double evalBatchSeconds, double epochSeconds,
            boolean measured) {

        /** The epoch over (steps x median step). */
        public double overhead() {
            return epochSeconds / (trainBatches * stepSeconds);
        }
    }

    private EpochBenchmark() {}

    /** The recorded protocol a network is benchmarked with (its likeliest; the notebooks' for the unrecorded). */
    public static RecordedProtocols.Recorded protocolOf(String architecture) {
        if (architecture.equals("five-layer-cnn")) {
            return RecordedProtocols.FIG_5A; // Fig. 5b's network; its runs take Fig. 5a's protocol (Presets.fig5bProtocol)
        }
        List<RecordedProtocols.Recorded> candidates = RecordedProtocols.candidates(architecture);
        return candidates.isEmpty() ? RecordedProtocols.NOTEBOOKS : candidates.get(0);
    }

    /**
     * Measures one network with one activation.
     *
     * @param architecture zoo name
     * @param activation registry name
     * @param steps training steps to time (at least {@link #WARMUP} + 3); ignored when {@code full}
     * @param full run the whole epoch and the whole evaluation instead of projecting
     * @param data the protocol's dataset
     * @param log progress lines
     */
    public static Result run(String architecture, String activation, int steps, boolean full, Datasets.Splits data,
            Consumer<String> log) {
        if (!full && steps < WARMUP + 3) {
            throw new IllegalArgumentException("--steps must be at least " + (WARMUP + 3) + ", got " + steps);
        }
        RecordedProtocols.Recorded recorded = protocolOf(architecture);
        Protocol p = recorded.protocol();
        int trainSize = data.getTrain().size();
        int testSize = data.getTest().size();
        int trainBatches = (trainSize + p.batchSize() - 1) / p.batchSize();
        int testBatches = (testSize + p.batchSize() - 1) / p.batchSize();
        // A slice of the epoch: `steps` batches of training and a few of evaluation (class-stratified, as any run).
        double trainFraction = full ? 1 : Math.min(1, (steps * (double) p.batchSize() - 0.5) / trainSize);
        double testFraction = full ? 1 : Math.min(1, Math.max(WARMUP + 3, steps / 3) * (double) p.batchSize() / testSize);
        Protocol sliced = p.withEpochs(1).withFractions(trainFraction, testFraction);
        EpochTiming[] timing = new EpochTiming[1];
        Progress progress = new Progress() {
            @Override
            public void batchFinished(int epoch, int batch, int batches, double loss) {
                if (batch % 10 == 0 || batch == batches) {
                    log.accept(architecture + " " + activation + ": step " + batch + "/" + batches);
                }
            }

            @Override
            public void epochTimed(RunSpec spec, int epoch, EpochTiming t) {
                timing[0] = t;
            }
        };
        TrainingRun.run(new RunSpec(architecture, activation, 0, sliced), data, null, progress);
        EpochTiming t = timing[0];
        if (t == null) {
            throw new IllegalStateException(architecture + " with " + activation + " diverged within " + steps
                    + " steps; nothing to time");
        }
        double step = t.medianStep(WARMUP);
        double prepare = t.medianPrepare(WARMUP);
        double evalBatch = t.evalSeconds() / t.evalBatches();
        double epoch;
        if (full) {
            epoch = t.totalSeconds();
        } else {
            // Medians: a handful of steps cannot estimate the rare slow step, so a projection shows the structural
            // cost (preparation and evaluation beyond the steps); a --full run measures everything.
            epoch = trainBatches * (step + prepare) + testBatches * evalBatch;
        }
        return new Result(architecture, activation, recorded.name(), trainBatches, testBatches, t.stepSeconds().length,
                step, prepare, evalBatch, epoch, full);
    }

    /** Every architecture with every activation, architecture by architecture. */
    public static List<Result> runAll(List<String> architectures, List<String> activations, int steps, boolean full,
            java.util.function.Function<String, Datasets.Splits> dataOf, Consumer<String> log,
            @Nullable Consumer<Result> each) {
        List<Result> results = new ArrayList<>();
        for (String arch : architectures) {
            Datasets.Splits data = dataOf.apply(protocolOf(arch).protocol().dataset());
            for (String activation : activations) {
                Result r;
                try {
                    r = run(arch, activation, steps, full, data, log);
                } catch (IllegalStateException e) {
                    log.accept(e.getMessage()); // a diverged slice is reported and the others still run
                    continue;
                }
                results.add(r);
                if (each != null) {
                    each.accept(r);
                }
            }
        }
        return results;
    }
}
