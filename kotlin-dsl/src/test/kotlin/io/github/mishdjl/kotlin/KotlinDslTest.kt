package io.github.mishdjl.kotlin

import ai.djl.ndarray.NDList
import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import ai.djl.training.ParameterStore
import io.github.mishdjl.activation.Activations
import io.github.mishdjl.activation.Mish
import io.github.mishdjl.data.Augmentation
import io.github.mishdjl.nn.ModelSummary
import io.github.mishdjl.nn.Nets
import io.github.mishdjl.train.RunSpec
import io.github.mishdjl.zoo.Zoo
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** The Kotlin DSL against the Java builders it delegates to, and the Java API used straight from Kotlin. */
class KotlinDslTest {

    private val kotlinNet = {
        sequential(activation = "mish") {
            inputChannels(3)
            conv(16, 3); batchNorm(); activation()
            repeat(3) { residual { conv(16, 3); batchNorm(); activation(); conv(16, 3); batchNorm() } }
            residual(shortcut = { conv(32, 1, stride = 2); batchNorm() }) { conv(32, 3, stride = 2); batchNorm() }
            concat({ conv(8, 1) }, { maxPool(3, stride = 1, padding = 1) })
            residual(shortcut = { subsample(2); zeroPadChannels(20, 20) }) {
                conv(80, 3, stride = 2); batchNorm(epsilon = 1e-3f, momentum = 0.99f, scale = false)
            }
            defaultActivation("relu"); activation(); lambda("Double") { it.mul(2) }
            zeroPad(0, 1, 0, 1); avgPool(2, countPadding = false)
            globalAvgPool(); linear(10)
        }
    }

    /** The same network through the Java API, from Kotlin: lambdas as the last parameter read naturally. */
    private val javaNet = {
        Nets.sequential("mish") { b ->
            b.inputChannels(3).conv(16, 3).batchNorm().activation()
                .repeat(3) { r -> r.residual { body -> body.conv(16, 3).batchNorm().activation().conv(16, 3).batchNorm() } }
                .residual({ body -> body.conv(32, 3, 2).batchNorm() }, { s -> s.conv(32, 1, 2).batchNorm() })
                .concat({ l -> l.conv(8, 1) }, { r -> r.maxPool(3, 1, 1) })
                .residual({ body -> body.conv(80, 3, 2).batchNorm(1e-3f, 0.99f, false) },
                    { s -> s.subsample(2).zeroPadChannels(20, 20) })
                .defaultActivation("relu").activation().lambda("Double") { it.mul(2) }
                .zeroPad(0, 1, 0, 1).avgPool(2, 2, 0, false)
                .globalAvgPool().linear(10)
        }
    }

    @Test
    fun kotlinDslBuildsWhatTheJavaBuilderBuilds() {
        NDManager.newBaseManager().use { manager ->
            val input = Shape(2, 3, 16, 16)
            val k = ModelSummary.of(manager, kotlinNet(), input)
            val j = ModelSummary.of(manager, javaNet(), input)
            assertEquals(j.trainableParameters, k.trainableParameters)
            assertEquals(j.rows.map { it.type to it.outputShape }, k.rows.map { it.type to it.outputShape })
            assertEquals(Shape(2, 10), k.outputShape)
        }
    }

    @Test
    fun javaApiReadsWellFromKotlin() {
        NDManager.newBaseManager().use { manager ->
            val x = manager.create(floatArrayOf(-1f, 0f, 1f))
            val y = Mish.mish(x)
            assertEquals(0.86509836f, y.toFloatArray()[2], 1e-6f)
            val leaky = Activations.get("leaky_relu:0.3")
            assertEquals("leaky_relu:0.3", leaky.name) // getters read as properties
            val net = Zoo.get("wrn-10-2").build(Activations.get("mish"))
            net.initialize(manager, DataType.FLOAT32, Shape(1, 3, 32, 32))
            val out = net.forward(ParameterStore(manager, false), NDList(manager.randomNormal(Shape(1, 3, 32, 32))), false)
            assertEquals(Shape(1, 10), out.singletonOrThrow().shape)
            // replace() says how many it swapped; a walk of the block tree of our own counts them before and after
            val mishBlocks = activationNames(net).count { it.startsWith("mish") }
            assertTrue(mishBlocks > 0, "wrn-10-2 has Mish blocks")
            assertEquals(mishBlocks, Activations.replace(net, { it.startsWith("mish") }, Activations.get("relu")))
            assertEquals(0, activationNames(net).count { it.startsWith("mish") })
            assertEquals(mishBlocks, activationNames(net).count { it == "relu" })
        }
    }

    @Test
    fun protocolWithNamedArgumentsIsTheRecordedOne() {
        val p = protocol("cifar10", epochs = 200, optimizer = io.github.mishdjl.train.Protocol.Optimizer.SGD,
            learningRate = 0.1, momentum = 0.9, weightDecay = 5e-4,
            schedule = io.github.mishdjl.train.Protocol.Schedule.STEP, milestones = listOf(100, 150),
            augmentation = Augmentation.CROP_FLIP)
        assertEquals(io.github.mishdjl.train.Protocol.resnetSgd("cifar10", 200), p)
        assertEquals("resnet20_mish_s2_3b598e4b6c", RunSpec("resnet20", "mish", 2, p).id())
    }

    /** Arguments left out keep the Java builder's defaults, read from it, not restated: the same run keys. */
    @Test
    fun protocolDefaultsAreTheBuilders() {
        val builder = { io.github.mishdjl.train.Protocol.builder().setDataset("mnist") }
        assertEquals(builder().build(), protocol("mnist"))
        assertEquals(builder().optFractions(1.0, 0.25).build(), protocol("mnist", testFraction = 0.25))
        assertEquals(builder().optNormalization(0.1307, 0.5).build(), protocol("mnist", mean = 0.1307))
        assertEquals(builder().optSchedule(io.github.mishdjl.train.Protocol.Schedule.NONE, listOf(3)).build(),
            protocol("mnist", milestones = listOf(3)))
        val a = architecture("dsl-defaults", ai.djl.ndarray.types.Shape(1, 4, 4)) { act ->
            sequential(act) { inputChannels(1); flatten(); linear(10) }
        }
        val b = io.github.mishdjl.zoo.Architecture.builder().setName("dsl-defaults")
            .setInputShape(ai.djl.ndarray.types.Shape(1, 4, 4)).setFactory { act -> sequential(act) { linear(10) } }
            .build()
        assertEquals(b.classes, a.classes)
        assertEquals(b.reference, a.reference)
        assertEquals(7, architecture("dsl-seven", ai.djl.ndarray.types.Shape(1, 4, 4), classes = 7) { act ->
            sequential(act) { linear(7) }
        }.classes)
    }

    /** The activations' names in a block tree, depth first (its ActivationBlocks, wherever they sit). */
    private fun activationNames(block: ai.djl.nn.Block): List<String> = block.children.values().flatMap {
        if (it is io.github.mishdjl.activation.ActivationBlock) listOf(it.activation.name) else activationNames(it)
    }
}
