package io.github.mishdjl.jupyter

import ai.djl.nn.Block
import io.github.mishdjl.experiment.GridStatus
import io.github.mishdjl.nn.ModelSummary
import io.github.mishdjl.report.Report
import io.github.mishdjl.train.RunResult
import org.jetbrains.kotlinx.jupyter.api.HTML
import org.jetbrains.kotlinx.jupyter.api.libraries.JupyterIntegration

/**
 * `%use mish`: imports the library's public packages and the Kotlin DSL (mish-kotlin), and renders its objects as
 * HTML. Wiring only; what it shows is computed by mish-experiments and [Renderers].
 */
class MishIntegration : JupyterIntegration() {
    override fun Builder.onLoaded() {
        import(
            "io.github.mishdjl.activation.*",
            "io.github.mishdjl.nn.*",
            "io.github.mishdjl.zoo.*",
            "io.github.mishdjl.data.*",
            "io.github.mishdjl.train.*",
            "io.github.mishdjl.experiment.*",
            "io.github.mishdjl.stats.*",
            "io.github.mishdjl.report.*",
            "io.github.mishdjl.analysis.*",
            "io.github.mishdjl.kotlin.*",
            "io.github.mishdjl.jupyter.*",
            "ai.djl.ndarray.*",
            "ai.djl.ndarray.types.Shape",
        )
        // `liveProgress()` in a cell: progress wired to the running cell's own display functions, which find the
        // cell's host when called (so updates from the training thread land in that cell), without the cell
        // passing DISPLAY / UPDATE_DISPLAY by hand.
        onLoaded {
            execute(
                "fun liveProgress(intervalMillis: Long = 1000): io.github.mishdjl.jupyter.LiveProgress = " +
                    "io.github.mishdjl.jupyter.LiveProgress({ v, id -> DISPLAY(v, id) }, " +
                    "{ v, id -> UPDATE_DISPLAY(v, id) }, intervalMillis)",
            )
        }
        render<ModelSummary> { HTML(Renderers.summary(it)) }
        render<Block> { HTML(Renderers.block(it)) }
        render<RunResult> { HTML(Renderers.run(it)) }
        render<GridStatus> { HTML(Renderers.status(it)) }
        render<Report> { HTML(it.htmlFragment()) }
    }
}
