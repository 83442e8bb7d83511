package io.github.mishdjl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * CIFAR-10's "binary version": {@code data_batch_1.bin} .. {@code data_batch_5.bin} (10,000 images each) and
 * {@code test_batch.bin}; each record is one label byte (0..9) and 3,072 pixel bytes, the red, green and blue
 * 32x32 planes in turn (which is CHW already).
 */
@NullMarked
public final class Cifar10Binary {

    public static final int RECORD = 1 + 3 * 32 * 32;
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private Cifar10Binary() {}

    /** Whether {@code dir} holds all six files. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(TEST_FILE))
                && TRAIN_FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /** Reads the 50,000 training images. */
    public static ImageSet train(Path dir) {
        List<Path> files = new ArrayList<>();
        for (String f : TRAIN_FILES) {
            files.add(dir.resolve(f));
        }
        return read("cifar10/train", files);
    }

    /** Reads the 10,000 test images. */
    public static ImageSet test(Path dir) {
        return read("cifar10/test", List.of(dir.resolve(TEST_FILE)));
    }

    /**
     * Reads records from batch files.
     *
     * @param name the set's name
     * @param files the batch files, in order
     * @return the images
     * @throws DataFormatException naming the file and offset of a truncated file or a bad label
     */
    public static ImageSet read(String name, List<Path> files) {
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
            if (bytes.length == 0 || bytes.length % RECORD != 0) {
                long whole = (long) bytes.length / RECORD * RECORD;
                throw new DataFormatException(file, whole, "truncated or not a CIFAR-10 binary batch: " + bytes.length
                        + " bytes is not a whole number of " + RECORD + "-byte records");
            }
            for (int offset = 0; offset < bytes.length; offset += RECORD) {
                int label = bytes[offset] & 0xff;
                if (label > 9) {
                    throw new DataFormatException(file, offset, "label " + label + " is not a CIFAR-10 class (0..9)");
                }
                byte[] pixels = new byte[RECORD - 1];
                System.arraycopy(bytes, offset + 1, pixels, 0, pixels.length);
                images.add(pixels);
                labels.add(label);
            }
        }
        return new ImageSet(name, images.toArray(new byte[0][]), labels.stream().mapToInt(Integer::intValue).toArray(),
                3, 32, 32, 10);
    }
}
