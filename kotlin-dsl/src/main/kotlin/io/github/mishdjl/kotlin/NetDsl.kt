package io.github.mishdjl.kotlin

import ai.djl.ndarray.NDArray
import ai.djl.nn.Block
import ai.djl.nn.SequentialBlock
import io.github.mishdjl.activation.ActivationFunction
import io.github.mishdjl.nn.ConvOptions
import io.github.mishdjl.nn.NetBuilder
import io.github.mishdjl.nn.Nets

/**
 * Receiver-style Kotlin sugar over the Java [NetBuilder]: every call delegates; nested parts become lambdas
 * with a receiver, so a network reads as a block of layer calls.
 *
 * ```
 * val net = sequential(activation = "mish") {
 *     inputChannels(3); conv(16, 3); batchNorm(); activation()
 *     repeat(3) { residual { conv(16, 3); batchNorm(); activation(); conv(16, 3); batchNorm() } }
 *     globalAvgPool(); linear(10)
 * }
 * ```
 */
@DslMarker
annotation class NetDslMarker

/** Builds a plain DJL [SequentialBlock] whose default activation is named once. */
fun sequential(activation: String = "mish", body: NetScope.() -> Unit): SequentialBlock =
    Nets.sequential(activation) { NetScope(it).body() }

/** Builds a plain DJL [SequentialBlock] with a default activation function. */
fun sequential(activation: ActivationFunction, body: NetScope.() -> Unit): SequentialBlock =
    Nets.sequential(activation) { NetScope(it).body() }

/** The layer calls of the DSL; [builder] is the Java builder underneath. */
@NetDslMarker
class NetScope(val builder: NetBuilder) {
    val channels: Int? get() = builder.channels

    fun inputChannels(count: Int) { builder.inputChannels(count) }
    fun conv(filters: Int, kernel: Int, stride: Int = 1, padding: Int? = null, dilation: Int = 1, groups: Int = 1,
             bias: Boolean = false) {
        builder.conv(filters, kernel) { o: ConvOptions ->
            o.stride(stride).dilation(dilation).groups(groups).bias(bias)
            if (padding != null) o.padding(padding)
        }
    }
    fun convRect(filters: Int, height: Int, width: Int) { builder.convRect(filters, height, width) }
    fun depthwiseConv(kernel: Int, stride: Int = 1) { builder.depthwiseConv(kernel, stride) }
    fun separableConv(filters: Int, kernel: Int) { builder.separableConv(filters, kernel) }
    /** Batch normalisation; the defaults are DJL's (momentum in DJL's convention: PyTorch's 0.1 is 0.9 here). */
    fun batchNorm(epsilon: Float = 1e-5f, momentum: Float = 0.9f, scale: Boolean = true) {
        builder.batchNorm(epsilon, momentum, scale)
    }
    /** Changes the default activation for the layers added after this call. */
    fun defaultActivation(name: String) { builder.defaultActivation(name) }
    fun activation() { builder.activation() }
    fun activation(name: String) { builder.activation(name) }
    fun activation(function: ActivationFunction) { builder.activation(function) }
    fun maxPool(kernel: Int, stride: Int = kernel, padding: Int = 0) { builder.maxPool(kernel, stride, padding) }
    fun avgPool(kernel: Int, stride: Int = kernel, padding: Int = 0, countPadding: Boolean = true) {
        builder.avgPool(kernel, stride, padding, countPadding)
    }
    fun zeroPad(top: Int, bottom: Int, left: Int, right: Int) { builder.zeroPad(top, bottom, left, right) }
    fun subsample(stride: Int) { builder.subsample(stride) }
    fun zeroPadChannels(before: Int, after: Int) { builder.zeroPadChannels(before, after) }
    /** A parameter-free function of the single input, named for summaries. */
    fun lambda(name: String, function: (NDArray) -> NDArray) { builder.lambda(name) { function(it) } }
    fun globalAvgPool() { builder.globalAvgPool() }
    fun globalMaxPool() { builder.globalMaxPool() }
    fun dropout(rate: Float) { builder.dropout(rate) }
    fun flatten() { builder.flatten() }
    fun linear(units: Int) { builder.linear(units) }
    fun add(block: Block) { builder.add(block) }
    fun channelShuffle(groups: Int) { builder.channelShuffle(groups) }
    fun squeezeExcite(squeezeChannels: Int) { builder.squeezeExcite(squeezeChannels) }
    fun invertedResidual(expand: Int, out: Int, kernel: Int = 3, stride: Int = 1, seRatio: Double = 0.0) {
        builder.invertedResidual(expand, out, kernel, stride, seRatio)
    }

    /** `x + body(x)`, or `shortcut(x) + body(x)` with a projection. */
    fun residual(shortcut: (NetScope.() -> Unit)? = null, body: NetScope.() -> Unit) {
        builder.residual({ NetScope(it).body() }, { if (shortcut != null) NetScope(it).shortcut() })
    }

    /** Parallel branches joined by concatenation along channels. */
    fun concat(vararg branches: NetScope.() -> Unit) {
        builder.concat(*branches.map { b -> java.util.function.Consumer<NetBuilder> { NetScope(it).b() } }.toTypedArray())
    }

    /** Parallel branches joined by a sum. */
    fun sum(vararg branches: NetScope.() -> Unit) {
        builder.sum(*branches.map { b -> java.util.function.Consumer<NetBuilder> { NetScope(it).b() } }.toTypedArray())
    }

    /** Adds [body] [times] times; the lambda gets the repetition's index. */
    fun repeat(times: Int, body: NetScope.(index: Int) -> Unit) {
        builder.repeat(times) { b, i -> NetScope(b).body(i) }
    }
}

// No extension on every String (`"mish".activation`): a typo would fail far from where it was written. Name an
// activation through the registry, `Activations.get("mish")`, which says at the call which names exist.
