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
 */
@NullMarked
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
        double testTop5, double learningRate, double seconds) {}
