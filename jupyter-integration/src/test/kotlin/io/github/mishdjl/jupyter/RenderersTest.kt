package io.github.mishdjl.jupyter

import ai.djl.ndarray.NDManager
import ai.djl.ndarray.types.DataType
import ai.djl.ndarray.types.Shape
import io.github.mishdjl.data.Augmentation
import io.github.mishdjl.kotlin.sequential
import io.github.mishdjl.stats.PaperNumbers
import io.github.mishdjl.stats.Significance
import io.github.mishdjl.train.EpochStats
import io.github.mishdjl.train.Protocol
import io.github.mishdjl.train.RunResult
import io.github.mishdjl.train.RunSpec
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** The renderers `%use mish` registers, and live progress. */
class RenderersTest {

    private val kotlinNet = {
        sequential(activation = "mish") {
            inputChannels(3)
            conv(16, 3); batchNorm(); activation()
            repeat(2) { residual { conv(16, 3); batchNorm(); activation(); conv(16, 3); batchNorm() } }
            globalAvgPool(); linear(10)
        }
    }

    @Test
    fun renderersDrawTablesAndInlineSvg() {
        NDManager.newBaseManager().use { manager ->
            val net = kotlinNet()
            val uninitialised = Renderers.block(net)
            assertTrue("Not initialised" in uninitialised && "<table>" in uninitialised, uninitialised)
            net.initialize(manager, DataType.FLOAT32, Shape(1, 3, 16, 16))
            val html = Renderers.block(net)
            assertTrue("Activation mish" in html && "(1, 10)" in html && "trainable parameters" in html, html)
        }
        val spec = RunSpec("resnet20-v1", "mish", 0, Protocol("fashion-mnist", 2, 128, "adam", 1e-3, 0.0, 0.0, "none",
            listOf(), Augmentation.NONE, 1.0, 1.0, 0.5, 0.5))
        val run = RunResult(spec.id(), spec, "finished", listOf(EpochStats(1, 0.9, 0.7, 0.8, 0.72, 0.99, 1e-3, 30.0),
            EpochStats(2, 0.5, 0.82, 0.6, 0.8, 0.995, 1e-3, 29.0)), 270000, "test", mapOf(), 59.0, null, listOf())
        val runHtml = Renderers.run(run)
        assertTrue("<svg" in runHtml && "80.00" in runHtml && "<script" !in runHtml, runHtml)
        val table = Renderers.comparisons(Significance.compare(PaperNumbers.TABLE_1, "mish", false))
        assertTrue("sigmoid" in table && "p-value" in table, table)
        val cells = Regex("<td[^>]*>([^<]*)</td>").findAll(table).map { it.groupValues[1] }.toList()
        assertTrue(cells.windowed(5).contains(listOf("mish", "87.48", "0.3967", "23", "baseline")), table)
    }

    @Test
    fun liveProgressUpdatesOneOutputPerRunThenShowsTheResult() {
        val shown = mutableListOf<Pair<String, String>>()
        val updated = mutableListOf<Pair<String, String>>()
        val live = LiveProgress({ v, id -> shown += id to v.toString() }, { v, id -> updated += id to v.toString() }, 0)
        val spec = RunSpec("five-layer-cnn", "mish", 0, Protocol("mnist", 1, 8, "adam", 1e-3, 0.0, 0.0, "none", listOf(),
            Augmentation.NONE, 1.0, 1.0, 0.5, 0.5))
        live.runStarted(spec, 1, 2)
        live.batchFinished(1, 1, 2, 2.3)
        live.batchFinished(1, 2, 2, 1.9)
        val stats = EpochStats(1, 2.0, 0.3, 1.8, 0.4, 0.9, 1e-3, 1.0)
        live.epochFinished(spec, stats)
        live.runFinished(RunResult(spec.id(), spec, "finished", listOf(stats), 1, "test", mapOf(), 1.0, null, listOf()))
        val id = shown.first().first
        assertTrue(updated.all { it.first == id } && updated.size == 4, updated.toString())
        assertTrue("batch 2/2" in updated[1].second && "1.9000" in updated[1].second, updated[1].second)
        assertEquals(2, shown.size)
        assertTrue("<svg" in shown[1].second, "the final output has the curve")
    }
}
