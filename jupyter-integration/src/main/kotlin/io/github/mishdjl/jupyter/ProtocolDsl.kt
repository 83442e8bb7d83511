package io.github.mishdjl.jupyter

import io.github.mishdjl.data.Augmentation
import io.github.mishdjl.train.Protocol

/**
 * A training protocol with named arguments and the builder's defaults (Adam 1e-3, batch 128, no schedule, no
 * augmentation, 0.5 / 0.5, the whole data, He-normal initialisation):
 *
 * ```kotlin
 * val p = protocol("cifar10", epochs = 10, optimizer = Protocol.Optimizer.SGD, learningRate = 0.1, momentum = 0.9,
 *     schedule = Protocol.Schedule.STEP, milestones = listOf(5, 7), augmentation = Augmentation.CROP_FLIP)
 * ```
 * The result is the same [Protocol] (and gives the same run keys) as one built any other way.
 */
fun protocol(
    dataset: String,
    epochs: Int = 1,
    batchSize: Int = 128,
    optimizer: Protocol.Optimizer = Protocol.Optimizer.ADAM,
    learningRate: Double = 1e-3,
    momentum: Double = 0.0,
    weightDecay: Double = 0.0,
    schedule: Protocol.Schedule = Protocol.Schedule.NONE,
    milestones: List<Int> = emptyList(),
    augmentation: Augmentation = Augmentation.NONE,
    trainFraction: Double = 1.0,
    testFraction: Double = 1.0,
    mean: Double = 0.5,
    std: Double = 0.5,
    inputNoise: Double = 0.0,
    initializer: String = Protocol.DEFAULT_INITIALIZER,
): Protocol = Protocol.builder().setDataset(dataset).optEpochs(epochs).optBatchSize(batchSize).optOptimizer(optimizer)
    .optLearningRate(learningRate).optMomentum(momentum).optWeightDecay(weightDecay).optSchedule(schedule, milestones)
    .optAugmentation(augmentation).optFractions(trainFraction, testFraction).optNormalization(mean, std)
    .optInputNoise(inputNoise).optInitializer(initializer).build()
