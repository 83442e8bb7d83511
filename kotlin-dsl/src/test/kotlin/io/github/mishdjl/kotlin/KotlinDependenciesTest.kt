package io.github.mishdjl.kotlin

import java.io.File
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

/**
 * mish-kotlin is for Kotlin applications as well as notebooks: it ships the Java library and the Kotlin stdlib only,
 * no native build (the application picks one, as with mish-core) and no Jupyter API.
 */
class KotlinDependenciesTest {

    @Test
    fun onlyTheLibraryAndTheKotlinStdlib() {
        // what this pom and its parent declare outside <dependencyManagement>, at compile or runtime scope
        // the project's root, wherever the test runs from (Maven: this module's folder; an IDE: often the root)
        val root = generateSequence(File(System.getProperty("user.dir")).absoluteFile) { it.parentFile }
            .first { File(it, "kotlin-dsl/pom.xml").isFile }
        val shipped = listOf("kotlin-dsl/pom.xml", "pom.xml").flatMap { name ->
            val xml = File(root, name).readText().replace(Regex("(?s)<dependencyManagement>.*?</dependencyManagement>"), "")
                .replace(Regex("(?s)<plugin>.*?</plugin>"), "").replace(Regex("(?s)<!--.*?-->"), "")
            Regex("(?s)<dependency>(.*?)</dependency>").findAll(xml).map { it.groupValues[1] }
                .filter { tag(it, "scope") in setOf(null, "compile", "runtime") }
                .map { "${tag(it, "groupId")}:${tag(it, "artifactId")}" }.toList()
        }.toSet()
        assertEquals(setOf("io.github.mishdjl:mish-experiments", "org.jetbrains.kotlin:kotlin-stdlib"), shipped,
            "mish-kotlin ships the library and the Kotlin stdlib only; notebook wiring goes in mish-jupyter")
        assertFailsWith<ClassNotFoundException>("no Jupyter API") {
            Class.forName("org.jetbrains.kotlinx.jupyter.api.libraries.JupyterIntegration")
        }
    }

    private fun tag(xml: String, name: String): String? =
        Regex("<$name>\\s*([^<]+?)\\s*</$name>").find(xml)?.groupValues?.get(1)
}
