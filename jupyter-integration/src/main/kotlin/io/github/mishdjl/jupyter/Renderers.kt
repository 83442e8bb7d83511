package io.github.mishdjl.jupyter

import ai.djl.ndarray.NDManager
import ai.djl.nn.Block
import io.github.mishdjl.activation.ActivationBlock
import io.github.mishdjl.experiment.GridStatus
import io.github.mishdjl.nn.ModelSummary
import io.github.mishdjl.report.Charts
import io.github.mishdjl.report.Report
import io.github.mishdjl.stats.Comparison
import io.github.mishdjl.train.RunResult
import java.util.Locale

/** HTML for notebook outputs, built from the library's data (tables and inline SVG: no scripts). */
object Renderers {

    private fun f(v: Double, digits: Int = 2) = String.format(Locale.ROOT, "%.${digits}f", v)

    /** A layer table: name, type, output shape, trainable parameters. */
    fun summary(summary: ModelSummary): String {
        val rows = mutableListOf(listOf("layer", "type", "output shape", "parameters"))
        for (row in summary.rows) {
            rows += listOf("\u00a0\u00a0".repeat(row.depth) + row.name, row.type, row.outputShape.toString(),
                String.format(Locale.ROOT, "%,d", row.parameters))
        }
        return Report.htmlTable(rows) + "<p>input ${summary.inputShape} &rarr; output ${summary.outputShape}; " +
            String.format(Locale.ROOT, "%,d", summary.trainableParameters) + " trainable parameters</p>"
    }

    /** A block: its layer table when it is initialised (shapes known), else its direct children. */
    fun block(block: Block): String {
        if (block.isInitialized) {
            val input = block.describeInput()
            if (input != null && input.size() == 1) {
                NDManager.newBaseManager().use { return summary(ModelSummary.of(it, block, input.valueAt(0))) }
            }
        }
        val rows = mutableListOf(listOf("layer", "type"))
        for (child in block.children) {
            val value = child.value
            rows += listOf(child.key, if (value is ActivationBlock) "Activation ${value.activation.name}"
                else value.javaClass.simpleName)
        }
        return Report.htmlTable(rows) + "<p>Not initialised: shapes and parameter counts appear after " +
            "<code>initialize</code> (or use <code>ModelSummary.of(manager, block, shape)</code>).</p>"
    }

    /** Where a results folder's grid stands: its name, then one line per fact (runs, runs to go, time left). */
    fun status(status: GridStatus): String {
        val lines = status.lines()
        return "<p><b>${Report.esc(lines.first())}</b></p><ul>" +
            lines.drop(1).joinToString("") { "<li>${Report.esc(it.trim())}</li>" } + "</ul>"
    }

    /** One training run: its epochs as a table and its curves. */
    fun run(result: RunResult): String {
        val rows = mutableListOf(listOf("epoch", "train loss", "train acc %", "test loss", "test acc %", "top-5 %",
            "lr", "s"))
        for (e in result.history) {
            rows += listOf(e.epoch.toString(), f(e.trainLoss, 4), f(100 * e.trainAccuracy), f(e.testLoss, 4),
                f(100 * e.testAccuracy), f(100 * e.testTop5), String.format(Locale.ROOT, "%.2g", e.learningRate),
                f(e.seconds, 1))
        }
        val epochs = result.history.map { it.epoch }
        val label = result.spec.activation
        val curve = Charts.lines("${result.spec.architecture} with $label: test accuracy", epochs,
            result.history.map { 100 * it.testAccuracy }, epochs.map { label }, "epoch", "test accuracy %")
        return "<p><b>${result.spec.architecture}</b> with <b>$label</b>, seed ${result.spec.seed}: " +
            "${result.status}</p>" + Report.htmlTable(rows) + curve
    }

    /** The significance table of one comparison, as the report prints it (std to 4 decimals, as the paper's). */
    fun comparisons(rows: List<Comparison>, stdDecimals: Int = 4): String =
        Report.htmlTable(Report.significanceRows(rows, stdDecimals))
}
