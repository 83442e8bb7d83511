package io.github.mishdjl.kotlin

import ai.djl.ndarray.types.Shape
import ai.djl.nn.Block
import ai.djl.training.loss.Loss
import io.github.mishdjl.activation.ActivationFunction
import io.github.mishdjl.zoo.Architecture

/**
 * A network of your own as an [Architecture] (named arguments over [Architecture.builder], its defaults for those left
 * out: 10 classes, softmax cross-entropy); pass it to `Zoo.register` and its name works wherever a zoo name does:
 * grids, runs, reports, the loss landscape.
 *
 * ```kotlin
 * Zoo.register(architecture("tiny-cnn", Shape(1, 28, 28)) { act ->
 *     sequential(act) { inputChannels(1); conv(8, 3); batchNorm(); activation(); maxPool(2); flatten(); linear(10) }
 * })
 * val grid = Grid("mine", mapOf("tiny-cnn" to protocol("mnist", epochs = 2)), listOf("mish", "relu"), 3)
 * ```
 */
fun architecture(
    name: String,
    inputShape: Shape,
    classes: Int? = null,
    reference: String? = null,
    loss: (() -> Loss)? = null,
    factory: (ActivationFunction) -> Block,
): Architecture {
    // an argument left out keeps the builder's default (10 classes, softmax cross-entropy): one place says it
    val b = Architecture.builder().setName(name).setInputShape(inputShape).setFactory(factory)
    classes?.let { b.optClasses(it) }
    reference?.let { b.optReference(it) }
    loss?.let { b.optLoss(it) }
    return b.build()
}
