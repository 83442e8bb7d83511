package io.github.mishdjl.jupyter

import io.github.mishdjl.zoo.Source
import io.github.mishdjl.zoo.Zoo
import org.jetbrains.kotlinx.jupyter.EvalRequestData
import org.jetbrains.kotlinx.jupyter.ReplForJupyter
import org.jetbrains.kotlinx.jupyter.api.MimeTypedResult
import org.jetbrains.kotlinx.jupyter.api.libraries.ExecutionHost
import org.jetbrains.kotlinx.jupyter.libraries.EmptyResolutionInfoProvider
import org.jetbrains.kotlinx.jupyter.messaging.DisplayHandler
import org.jetbrains.kotlinx.jupyter.repl.creating.createRepl
import org.junit.jupiter.api.Test
import java.util.Collections
import kotlin.script.experimental.jvm.util.classpathFromClassloader
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/**
 * `%use mish` through the Kotlin kernel's own REPL (version 0.11.0-398), as a notebook sees it: the integration
 * loads from the class path, its imports and the `liveProgress()` helper are there, a cell registers a network of
 * its own and trains it through a grid with live output in that cell, and the renderers turn a run and a report
 * into HTML.
 */
class KernelReplTest {

    private val shown = Collections.synchronizedList(mutableListOf<Pair<String, Any>>())

    private val handler = object : DisplayHandler {
        override fun handleDisplay(value: Any, host: ExecutionHost, id: String?) {
            shown += "display" to value
        }

        override fun handleUpdate(value: Any, host: ExecutionHost, id: String?) {
            shown += "update" to value
        }
    }

    private fun newRepl(): ReplForJupyter {
        val loader = KernelReplTest::class.java.classLoader
        val classpath = classpathFromClassloader(loader).orEmpty()
        val repl = createRepl(EmptyResolutionInfoProvider, classpath, isEmbedded = true, displayHandler = handler)
        // what the kernel does for libraries on its class path: instantiate their integrations (MishIntegration)
        repl.eval { repl.librariesScanner.addLibrariesFromClassLoader(loader, this, repl.notebook) }
        return repl
    }

    private fun ReplForJupyter.cell(code: String): Any? = evalEx(EvalRequestData(code)).renderedValue

    @Test
    fun useMishImportsTrainsWithLiveOutputAndRenders() {
        val repl = newRepl()
        // the imports: the DSL and the registry without qualification
        val net = repl.cell("""sequential(activation = "mish") { linear(8); activation(); linear(3) }""")
        assertTrue(net.toString().isNotEmpty())
        assertTrue(repl.cell("""Activations.get("mish").name""").toString().startsWith("mish"))
        // a cell trains a tiny grid on synthetic MNIST-shaped data with liveProgress(): outputs land in the cell
        repl.cell(
            """
            val random = java.util.Random(1)
            fun images(n: Int) = ImageSet("noise", Array(n) { ByteArray(28 * 28).also(random::nextBytes) },
                IntArray(n) { it % 10 }, 1, 28, 28, 10)
            val splits = Datasets.Splits(images(64), images(32), "synthetic")
            val p = protocol("mnist", epochs = 1, batchSize = 16, optimizer = Protocol.Optimizer.SGD, learningRate = 0.01)
            val store = ResultsStore(java.nio.file.Files.createTempDirectory("repl-test"))
            // a network of the cell's own, registered by name and trained through the experiment layer
            Zoo.register(architecture("repl-net", Shape(1, 28, 28)) { act ->
                sequential(act) { inputChannels(1); conv(4, 3); activation(); maxPool(2); flatten(); linear(10) }
            })
            val results = Experiment.runOn(Grid("g", mapOf("repl-net" to p), listOf("mish"), 1).runs(), store,
                { splits }, liveProgress(), { })
            """.trimIndent(),
        )
        try {
            assertEquals(1, repl.cell("results.size"))
            assertTrue(shown.any { it.first == "display" }, "live progress shown in the cell: $shown")
            assertEquals(Source.USER, Zoo.get("repl-net").source)
            // the renderers: a run result and a report become HTML with the network's name and static SVG charts
            val run = repl.cell("results[0]")
            assertTrue(run is MimeTypedResult && run["text/html"].orEmpty().contains("repl-net"), run.toString())
            // where the grid stands, as a notebook shows it (once the grid is recorded, as `mish compare` does)
            repl.cell("""store.recordGrid(Grid("g", mapOf("repl-net" to p), listOf("mish"), 1))""")
            val status = repl.cell("GridStatus.of(store)")
            assertTrue(status is MimeTypedResult && status["text/html"].orEmpty()
                .contains("<b>g</b></p><ul><li>1 of 1 runs stored: complete</li></ul>"), status.toString())
            val report = repl.cell("""Report.of(store, "repl report")""")
            val html = (report as MimeTypedResult)["text/html"].orEmpty()
            assertTrue(html.contains("repl report") && html.contains("<svg") && !html.contains("<script"),
                html.take(300))
        } finally {
            Zoo.unregister("repl-net")
        }
    }

    /**
     * The READMEs' Kotlin examples compile in the kernel with `%use mish`'s imports: each block becomes the body of
     * a function the cell defines and does not call (the examples train on CIFAR-10, which a test must not fetch),
     * so a compilation error in any of them fails here (the REPL throws it).
     */
    @Test
    fun theReadmesKotlinExamplesCompileInTheKernel() {
        val root = generateSequence(java.io.File("").absoluteFile) { it.parentFile }
            .first { java.io.File(it, "README.md").isFile && java.io.File(it, "api").isDirectory }
        // the project's README and this module's
        val blocks = listOf("README.md", "jupyter-integration/README.md").flatMap { name ->
            val readme = java.io.File(root, name).readText().replace("\r\n", "\n") // a Windows checkout too
            // a magic line (`%use mish`) is the kernel's, not Kotlin: this REPL has the integration loaded already
            Regex("(?ms)^```kotlin\\n(.*?)^```$").findAll(readme)
                .map { m -> m.groupValues[1].lines().filterNot { it.startsWith("%") }.joinToString("\n") }.toList()
                .also { assertTrue(it.isNotEmpty(), "$name has Kotlin examples") }
        }
        val repl = newRepl()
        blocks.forEachIndexed { i, block -> repl.cell("fun readmeExample$i() {\n$block\n}") }
        // and the definitions are there: the kernel compiled every one
        blocks.indices.forEach { i -> assertEquals("readmeExample$i", repl.cell("::readmeExample$i.name")) }
    }
}
