package io.github.mishdjl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples compile against today's API, and the ones that need no data run: an example that no
 * longer compiles is the first thing a new user meets. Each ```java block becomes one method of a generated class
 * (its imports hoisted, the project's packages imported), compiled with the JDK's compiler on the test classpath.
 */
class ReadmeExamplesTest {

    /** The project's packages a README example may use without importing them (as its prose assumes). */
    private static final List<String> PACKAGES = List.of("activation", "analysis", "data", "experiment", "nn",
            "report", "stats", "train", "zoo", "console");

    @Test
    void theReadmesJavaExamplesCompileAndTheDataFreeOnesRun(@TempDir Path dir) throws Exception {
        List<List<String>> blocks = javaBlocks(Files.readAllLines(readme()));
        assertTrue(blocks.size() >= 3, "the README's Java examples: " + blocks.size());
        Set<String> imports = new LinkedHashSet<>();
        PACKAGES.forEach(p -> imports.add("import io.github.mishdjl." + p + ".*;"));
        List.of("ai.djl.ndarray.*", "ai.djl.ndarray.types.*", "java.nio.file.*", "java.util.*")
                .forEach(p -> imports.add("import " + p + ";"));
        StringBuilder methods = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            methods.append("    public static void example").append(i)
                    .append("(NDManager manager, NDArray x) throws Exception {\n");
            for (String line : blocks.get(i)) {
                if (line.startsWith("import ")) {
                    imports.add(line.trim());
                } else {
                    methods.append("        ").append(line).append('\n');
                }
            }
            methods.append("    }\n");
        }
        String source = String.join("\n", imports) + "\n\npublic class ReadmeExamples {\n" + methods + "}\n";
        Path file = dir.resolve("ReadmeExamples.java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        org.junit.jupiter.api.Assertions.assertNotNull(javac, "a JDK's compiler (the build needs a JDK, not a JRE)");
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(errors, null, null, List.of("-classpath", System.getProperty(
                "java.class.path"), "-d", dir.toString(), "-proc:none"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file.toFile())).call();
        assertTrue(compiled, "a README example does not compile:\n" + errors + "\n" + numbered(source));

        // run the examples that need no dataset: the layers and the builder (the others train)
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
                NDManager manager = NDManager.newBaseManager()) {
            Class<?> examples = loader.loadClass("ReadmeExamples");
            int ran = 0;
            for (int i = 0; i < blocks.size(); i++) {
                if (String.join("\n", blocks.get(i)).matches("(?s).*(ResultsStore|Experiment\\.run|Zoo\\.register).*")) {
                    continue;
                }
                Method example = examples.getMethod("example" + i, NDManager.class, NDArray.class);
                example.invoke(null, manager, manager.create(new float[] {-2f, 0f, 3f}));
                ran++;
            }
            assertTrue(ran >= 2, "the README's data-free examples (the Mish block, the builder): " + ran);
        }
    }

    /** The lines of each ```java block. */
    static List<List<String>> javaBlocks(List<String> lines) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : lines) {
            if (block == null && line.trim().equals("```java")) {
                block = new ArrayList<>();
            } else if (block != null && line.trim().equals("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        return blocks;
    }

    /** The README at the repository's root, found from the module's directory (Maven runs tests there). */
    private static Path readme() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isDirectory(d.resolve("api"))) {
                return d.resolve("README.md");
            }
        }
        throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }

    private static String numbered(String source) {
        String[] lines = source.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(String.format("%4d  %s%n", i + 1, lines[i]));
        }
        return out.toString();
    }
}
