package io.github.mishdjl.jupyter

import io.github.mishdjl.train.EpochStats
import io.github.mishdjl.train.Progress
import io.github.mishdjl.train.RunResult
import io.github.mishdjl.train.RunSpec
import java.util.Locale
import org.jetbrains.kotlinx.jupyter.api.HTML

/**
 * Training progress as one notebook output per run that updates in place: a bar with the epoch, batch and loss
 * while training (at most every [intervalMillis]) and the epoch table as epochs finish; when the run ends its
 * table and curve are displayed as a new output. (That last one is a new output rather than an update because
 * headless execution with nbconvert and this kernel, 0.11, drops display updates: the saved notebook keeps the
 * first state of an updated output.) In a notebook with `%use mish`, `liveProgress()` makes one wired to the
 * running cell; elsewhere pass display functions:
 * `LiveProgress({ v, id -> DISPLAY(v, id) }, { v, id -> UPDATE_DISPLAY(v, id) })`.
 */
class LiveProgress(
    private val display: (Any, String) -> Unit,
    private val update: (Any, String) -> Unit,
    private val intervalMillis: Long = 1000,
) : Progress {
    private var id = ""
    private var title = ""
    private var last = 0L
    private val epochs = mutableListOf<EpochStats>()
    private var runs = 0

    override fun runStarted(spec: RunSpec, firstEpoch: Int, batchesPerEpoch: Int) {
        id = "mish-run-${System.identityHashCode(this)}-${runs++}"
        title = "${spec.architecture} with ${spec.activation}, seed ${spec.seed}"
        epochs.clear()
        display(HTML("<p><b>$title</b>: training from epoch $firstEpoch ($batchesPerEpoch batches per epoch)</p>"), id)
    }

    override fun batchFinished(epoch: Int, batch: Int, batches: Int, loss: Double) {
        val now = System.currentTimeMillis()
        if (now - last < intervalMillis && batch != batches) return
        last = now
        val percent = 100.0 * batch / batches
        update(HTML("<p><b>$title</b>: epoch $epoch, batch $batch/$batches, loss " +
            String.format(Locale.ROOT, "%.4f", loss) + "</p>" +
            "<div style=\"width:420px;background:#eee\"><div style=\"width:" +
            String.format(Locale.ROOT, "%.1f", percent) + "%;background:#4c9;height:10px\"></div></div>" +
            epochTable()), id)
    }

    override fun epochFinished(spec: RunSpec, stats: EpochStats) {
        epochs += stats
        update(HTML("<p><b>$title</b>: epoch ${stats.epoch} done</p>" + epochTable()), id)
    }

    override fun runFinished(result: RunResult) {
        update(HTML("<p><b>$title</b>: ${result.status}</p>" + epochTable()), id)
        display(HTML(Renderers.run(result)), "$id-result")
    }

    private fun epochTable(): String = if (epochs.isEmpty()) "" else io.github.mishdjl.report.Report.htmlTable(
        listOf(listOf("epoch", "train loss", "test acc %")) + epochs.map {
            listOf(it.epoch.toString(), String.format(Locale.ROOT, "%.4f", it.trainLoss),
                String.format(Locale.ROOT, "%.2f", 100 * it.testAccuracy))
        })
}
