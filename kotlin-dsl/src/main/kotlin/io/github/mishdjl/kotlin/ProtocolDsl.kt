package io.github.mishdjl.kotlin

import io.github.mishdjl.data.Augmentation
import io.github.mishdjl.train.Protocol

/**
 * A training protocol with named arguments; an argument left out keeps [Protocol.Builder]'s default (1 epoch, Adam
 * 1e-3, batch 128, no schedule, no augmentation, 0.5 / 0.5, the whole data, He-normal initialisation), read from the
 * builder itself rather than restated here, since the protocol is part of every run key:
 *
 * ```kotlin
 * val p = protocol("cifar10", epochs = 10, optimizer = Protocol.Optimizer.SGD, learningRate = 0.1, momentum = 0.9,
 *     schedule = Protocol.Schedule.STEP, milestones = listOf(5, 7), augmentation = Augmentation.CROP_FLIP)
 * ```
 * The result is the same [Protocol] (and gives the same run keys) as one built any other way.
 */
fun protocol(
    dataset: String,
    epochs: Int? = null,
    batchSize: Int? = null,
    optimizer: Protocol.Optimizer? = null,
    learningRate: Double? = null,
    momentum: Double? = null,
    weightDecay: Double? = null,
    schedule: Protocol.Schedule? = null,
    milestones: List<Int>? = null,
    augmentation: Augmentation? = null,
    trainFraction: Double? = null,
    testFraction: Double? = null,
    mean: Double? = null,
    std: Double? = null,
    inputNoise: Double? = null,
    initializer: String? = null,
): Protocol {
    val defaults = Protocol.builder().setDataset(dataset).build()
    val b = defaults.toBuilder()
    epochs?.let { b.optEpochs(it) }
    batchSize?.let { b.optBatchSize(it) }
    optimizer?.let { b.optOptimizer(it) }
    learningRate?.let { b.optLearningRate(it) }
    momentum?.let { b.optMomentum(it) }
    weightDecay?.let { b.optWeightDecay(it) }
    if (schedule != null || milestones != null) {
        b.optSchedule(schedule ?: defaults.scheduleKind(), milestones ?: defaults.milestones())
    }
    augmentation?.let { b.optAugmentation(it) }
    if (trainFraction != null || testFraction != null) {
        b.optFractions(trainFraction ?: defaults.trainFraction(), testFraction ?: defaults.testFraction())
    }
    if (mean != null || std != null) {
        b.optNormalization(mean ?: defaults.mean(), std ?: defaults.std())
    }
    inputNoise?.let { b.optInputNoise(it) }
    initializer?.let { b.optInitializer(it) }
    return b.build()
}
