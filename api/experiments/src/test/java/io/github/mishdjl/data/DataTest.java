package io.github.mishdjl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset readers on small files in the exact real formats; no network. */
class DataTest {

    /** Writes a CIFAR-10 batch file: records of label + R, G, B planes with recognisable pixels. */
    static void writeCifarBatch(Path file, int records, int firstLabel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(records * Cifar10Binary.RECORD);
        for (int r = 0; r < records; r++) {
            b.put((byte) ((firstLabel + r) % 10));
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    b.put((byte) (c * 80 + r + (p % 7)));
                }
            }
        }
        Files.write(file, b.array());
    }

    @Test
    void cifar10BinaryRecordsAreLabelThenRgbPlanes(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 5; i++) {
            writeCifarBatch(dir.resolve(Cifar10Binary.TRAIN_FILES.get(i)), 3, i);
        }
        writeCifarBatch(dir.resolve(Cifar10Binary.TEST_FILE), 4, 7);
        assertTrue(Cifar10Binary.present(dir));
        ImageSet train = Cifar10Binary.train(dir);
        assertEquals(15, train.size());
        assertEquals(3, train.getChannels());
        assertEquals(1, train.label(3)); // second file, first record
        byte[] image = train.image(1);
        assertEquals(3 * 1024, image.length);
        assertEquals(1, image[0]); // red plane, record 1
        assertEquals(80 + 1, image[1024]); // green plane starts at 1024
        assertEquals(160 + 1 + 3, image[2048 + 3] & 0xff);
        ImageSet test = Cifar10Binary.test(dir);
        assertEquals(List.of(7, 8, 9, 0), List.of(test.label(0), test.label(1), test.label(2), test.label(3)));
    }

    @Test
    void truncatedOrCorruptCifarNamesFileAndOffset(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data_batch_1.bin");
        writeCifarBatch(file, 2, 0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        DataFormatException truncated = assertThrows(DataFormatException.class,
                () -> Cifar10Binary.read("t", List.of(file)));
        assertTrue(truncated.getMessage().contains("data_batch_1.bin at byte 3073")
                && truncated.getMessage().contains("truncated"), truncated.getMessage());
        bytes[Cifar10Binary.RECORD] = 12; // the second record's label
        Files.write(file, bytes);
        DataFormatException label = assertThrows(DataFormatException.class, () -> Cifar10Binary.read("t", List.of(file)));
        assertTrue(label.getMessage().contains("at byte 3073: label 12"), label.getMessage());
    }

    static ImageSet digits(int count, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][28 * 28];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
            random.nextBytes(images[i]);
        }
        return new ImageSet("digits", images, labels, 1, 28, 28, 10);
    }

    @Test
    void idxRoundTripsPlainAndGzipped(@TempDir Path dir) throws IOException {
        ImageSet set = digits(30, 1);
        MnistIdx.write(set, dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"));
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        MnistIdx.write(set, dir.resolve("tmp-images"), labels);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(images))) {
            out.write(Files.readAllBytes(dir.resolve("tmp-images")));
        }
        assertTrue(MnistIdx.present(dir));
        for (boolean train : new boolean[] {true, false}) {
            ImageSet back = MnistIdx.read(dir, "mnist", train);
            assertEquals(30, back.size());
            assertEquals(set.label(17), back.label(17));
            assertArrayEquals(set.image(17), back.image(17));
        }
    }

    @Test
    void badIdxFilesGetClearErrors(@TempDir Path dir) throws IOException {
        ImageSet set = digits(5, 2);
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        MnistIdx.write(set, images, labels);
        DataFormatException swapped = assertThrows(DataFormatException.class, () -> MnistIdx.read(labels, images, "x"));
        assertTrue(swapped.getMessage().contains(labels + " at byte 0: magic number 0x00000801"), swapped.getMessage());
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        DataFormatException truncated = assertThrows(DataFormatException.class, () -> MnistIdx.read(images, labels, "x"));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    }

    @Test
    void fashionJsonReadsClassFilesAndSkipsEmptyEntries(@TempDir Path dir) throws IOException {
        for (int c = 0; c < 10; c++) {
            StringBuilder json = new StringBuilder("{\"data\":[");
            for (int i = 0; i < 3; i++) {
                json.append(i == 0 ? "" : ",").append('[');
                for (int p = 0; p < 784; p++) {
                    json.append(p == 0 ? "" : ",").append((c * 10 + i + p) % 256);
                }
                json.append(']');
            }
            json.append(c == 0 ? ",[]" : "").append("]}");
            Files.writeString(dir.resolve(c + ".json"), json, StandardCharsets.UTF_8);
        }
        ImageSet all = FashionMnistJson.read(dir);
        assertEquals(30, all.size());
        assertEquals(9, all.label(29));
        assertEquals(91, all.image(28)[0] & 0xff);
        Datasets.Splits splits = Datasets.splitFashion(all, "test");
        assertEquals(30, splits.getTrain().size() + splits.getTest().size());
        Files.writeString(dir.resolve("3.json"), "{\"data\":[[1,2,300]]}");
        DataFormatException bad = assertThrows(DataFormatException.class, () -> FashionMnistJson.read(dir));
        assertTrue(bad.getMessage().contains("3.json") && bad.getMessage().contains("300"), bad.getMessage());
    }

    @Test
    void dataDirComesFirst(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("cifar10"));
        for (int i = 0; i < 5; i++) {
            writeCifarBatch(dir.resolve("cifar10").resolve(Cifar10Binary.TRAIN_FILES.get(i)), 1, i);
        }
        writeCifarBatch(dir.resolve("cifar10").resolve(Cifar10Binary.TEST_FILE), 2, 0);
        assertTrue(Datasets.cifar10Present(dir));
        Datasets.Splits splits = Datasets.load("cifar10", dir, s -> { });
        assertEquals(5, splits.getTrain().size());
        assertTrue(splits.getSource().contains(dir.resolve("cifar10").toString()));
    }

    @Test
    void fractionsAndSplitsAreSeededAndStratified() {
        ImageSet set = digits(1000, 3);
        ImageSet quarter = set.fraction(0.25, 5);
        assertEquals(250, quarter.size());
        int[] perClass = new int[10];
        for (int i = 0; i < quarter.size(); i++) {
            perClass[quarter.label(i)]++;
        }
        for (int count : perClass) {
            assertEquals(25, count);
        }
        assertArrayEquals(quarter.image(7), set.fraction(0.25, 5).image(7), "same seed, same images");
        ImageSet[] split = set.split(100, 9);
        assertEquals(900, split[0].size());
        assertEquals(100, split[1].size());
    }

    @Test
    void inputNoiseHasTheRequestedStandardDeviation() {
        ImageSet one = new ImageSet("flat", new byte[][] {new byte[28 * 28]}, new int[] {0}, 1, 28, 28, 10);
        BatchLoader loader = new BatchLoader(one, new Shape(1, 28, 28), new float[] {0f}, new float[] {1f});
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] x = loader.batch(manager, new int[] {0}, 0, 1, Augmentation.NONE, 0.5, new Random(3)).get(0)
                    .toFloatArray();
            double sum = 0;
            double squares = 0;
            for (float v : x) {
                sum += v;
                squares += v * v;
            }
            double mean = sum / x.length;
            assertEquals(0, mean, 0.06);
            assertEquals(0.5, Math.sqrt(squares / x.length - mean * mean), 0.04);
        }
    }

    @Test
    void batchesAreFittedNormalisedAndAugmentedAsSpecified() {
        byte[] pixels = new byte[28 * 28];
        pixels[0] = (byte) 255; // top-left corner of the 28x28 image
        ImageSet one = new ImageSet("one", new byte[][] {pixels}, new int[] {4}, 1, 28, 28, 10);
        BatchLoader loader = new BatchLoader(one, new Shape(3, 32, 32), new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f});
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList batch = loader.batch(manager, new int[] {0}, 0, 8, Augmentation.NONE, new Random(1));
            assertEquals(new Shape(1, 3, 32, 32), batch.get(0).getShape());
            assertEquals(4, batch.get(1).getInt(0));
            float[] x = batch.get(0).toFloatArray();
            // centred: the corner lands at (2, 2); gray replicated into 3 channels; (v - 0.5) / 0.5
            assertEquals(1f, x[2 * 32 + 2]);
            assertEquals(1f, x[1024 + 2 * 32 + 2]);
            assertEquals(-1f, x[0]);
        }
        float[] canvas = new float[4 * 4];
        canvas[1] = 1; // row 0, column 1
        float[] flipped = canvas.clone();
        BatchLoader.augment(flipped, new Augmentation(0, 1, 0), new Random(0), 1, 4, 4);
        assertEquals(1f, flipped[2], 1e-6f); // mirrored to column 2
        float[] same = canvas.clone();
        BatchLoader.augment(same, new Augmentation(0, 0, 1e-9), new Random(0), 1, 4, 4);
        assertArrayEquals(canvas, same, 1e-6f);
        float[] a = canvas.clone();
        float[] b = canvas.clone();
        BatchLoader.augment(a, Augmentation.CROP_FLIP, new Random(42), 1, 4, 4);
        BatchLoader.augment(b, Augmentation.CROP_FLIP, new Random(42), 1, 4, 4);
        assertArrayEquals(a, b, "seeded");
        float[] rotated = new float[5 * 5];
        rotated[2 * 5 + 4] = 1; // right of centre
        BatchLoader.augment(rotated, new Augmentation(0, 0, 90), new Random(0) {
            @Override
            public double nextDouble() {
                return 1.0; // +90 degrees exactly
            }
        }, 1, 5, 5);
        float total = 0;
        for (float v : rotated) {
            total += v;
        }
        assertEquals(1f, total, 1e-4f, "a quarter turn moves the pixel, keeps its mass");
        assertEquals(0f, rotated[2 * 5 + 4], 1e-4f);
    }

    @Test
    void cropAndFlipByCopyingEqualBilinearResamplingBitForBit() {
        // The fast whole-pixel path must give exactly what the general bilinear path gives at angle 0, so runs
        // trained before it existed resume and reproduce unchanged.
        Random random = new Random(7);
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                for (boolean flip : new boolean[] {false, true}) {
                    float[] canvas = new float[3 * 8 * 8];
                    for (int i = 0; i < canvas.length; i++) {
                        canvas[i] = random.nextFloat() * 2 - 0.5f;
                    }
                    float[] fast = canvas.clone();
                    float[] general = canvas.clone();
                    BatchLoader.shift(fast, dy, dx, flip, 3, 8, 8);
                    BatchLoader.resample(general, dy, dx, flip, 0, 3, 8, 8);
                    assertArrayEquals(general, fast, "dy " + dy + ", dx " + dx + ", flip " + flip);
                }
            }
        }
    }
}
