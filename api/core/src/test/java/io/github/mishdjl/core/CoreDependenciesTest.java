package io.github.mishdjl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * mish-core costs a DJL project nothing beyond DJL: its declared compile/runtime dependencies are exactly DJL's
 * api, the PyTorch engine and JSpecify (no native build pinned, no picocli, Commons Math, lets-plot or Kotlin), and
 * its own tests run without any of the experiment layer's libraries on the class path.
 */
class CoreDependenciesTest {

    @Test
    void onlyDjlThePytorchEngineAndJspecify() throws Exception {
        // every dependency the core's pom declares, in its profiles too, and any its parents would add to every
        // module (declarations outside <dependencyManagement>, which only pins versions)
        Set<String> shipped = new TreeSet<>();
        for (Path pom : new Path[] {Path.of("pom.xml"), Path.of("../pom.xml"), Path.of("../../pom.xml")}) {
            String xml = Files.readString(pom).replaceAll("(?s)<dependencyManagement>.*?</dependencyManagement>", "")
                    .replaceAll("(?s)<plugin>.*?</plugin>", "") // plugins' own dependencies are build-time only
                    .replaceAll("(?s)<!--.*?-->", "");
            Matcher m = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(xml);
            while (m.find()) {
                String d = m.group(1);
                String scope = tag(d, "scope");
                if (scope == null || scope.equals("compile") || scope.equals("runtime")) {
                    shipped.add(tag(d, "groupId") + ":" + tag(d, "artifactId"));
                }
            }
        }
        assertEquals(Set.of("ai.djl:api", "ai.djl.pytorch:pytorch-engine", "org.jspecify:jspecify"), shipped,
                "mish-core's dependencies are DJL's api, its PyTorch engine and JSpecify; put anything else in "
                        + "mish-experiments or mish-cli");
        // (Commons Math is here for the tests' reference values only, at test scope)
        for (String other : new String[] {"picocli.CommandLine", "jetbrains.datalore.plot.PlotSvgExport",
                "kotlin.Unit", "me.tongfei.progressbar.ProgressBar"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(other), other + " is not needed by the core");
        }
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]+?)\\s*</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }
}
