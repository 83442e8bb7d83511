package io.github.mishdjl.train;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.jspecify.annotations.NullMarked;

/**
 * Where one epoch's wall time went, for benchmarks and for checking that an epoch costs little more than its
 * training steps: preparing each batch (decode, augment, normalise, copy into an NDArray), the training step
 * itself (forward, backward, update, loss and accuracy read back), and evaluation on the test split.
 *
 * @param prepareSeconds per training batch, in order
 * @param stepSeconds per training batch, in order
 * @param evalSeconds the whole evaluation after the epoch
 * @param evalBatches test batches evaluated
 * @param totalSeconds the epoch's wall time, evaluation included (what {@link EpochStats#seconds()} records)
 */
@NullMarked
public record EpochTiming(double[] prepareSeconds, double[] stepSeconds, double evalSeconds, int evalBatches,
        double totalSeconds) {

    /** The median training step, skipping the first {@code warmup} (allocator and kernel caches warm up there). */
    public double medianStep(int warmup) {
        return median(stepSeconds, warmup);
    }

    /** The median batch preparation, skipping the first {@code warmup}. */
    public double medianPrepare(int warmup) {
        return median(prepareSeconds, warmup);
    }

    /** The epoch's time over (steps x median step): 1.0 when nothing but the steps costs anything. */
    public double overheadRatio(int warmup) {
        return totalSeconds / (stepSeconds.length * medianStep(warmup));
    }

    static double median(double[] values, int skip) {
        if (values.length == 0) {
            return Double.NaN;
        }
        int from = values.length > skip ? skip : 0;
        return new Median().evaluate(values, from, values.length - from);
    }
}
