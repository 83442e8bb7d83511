package io.github.mishdjl.train;

import org.jspecify.annotations.NullMarked;

/**
 * What one epoch measured.
 *
 * @param epoch from 1
 * @param trainLoss mean training loss over the epoch's batches
 * @param trainAccuracy training top-1 accuracy (augmented images, dropout on)
 * @param testLoss mean test loss
 * @param testAccuracy test top-1 accuracy
 * @param testTop5 test top-5 accuracy
 * @param learningRate the rate at the epoch's last update
 * @param seconds wall time of the epoch, evaluation included
 * @param cpuSeconds CPU time the whole process used in the epoch (every thread: the engine's and the JVM's), or 0
 *     where it was not recorded (runs trained before 2026-12-03, or a JVM that cannot tell). Unlike the wall time it
 *     does not count a paused process or time other processes held the cores; contention for caches and memory
 *     (two runs side by side) can still raise it, and a resumed process's first epoch includes the JVM's warm-up.
 */
@NullMarked
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
        double testTop5, double learningRate, double seconds, double cpuSeconds) {

    /** An epoch whose CPU time was not recorded. */
    public EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
            double testTop5, double learningRate, double seconds) {
        this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, testTop5, learningRate, seconds, 0);
    }
}
