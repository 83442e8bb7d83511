package io.github.mishdjl.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * MNIST and Fashion-MNIST in their original IDX files ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each
 * optionally gzipped): big-endian magic 0x00000803 (images) or 0x00000801 (labels), the dimensions, the bytes.
 */
@NullMarked
public final class MnistIdx {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private MnistIdx() {}

    /** Whether {@code dir} holds the four files (plain or gzipped). */
    public static boolean present(Path dir) {
        return find(dir, "train-images-idx3-ubyte") != null && find(dir, "train-labels-idx1-ubyte") != null
                && find(dir, "t10k-images-idx3-ubyte") != null && find(dir, "t10k-labels-idx1-ubyte") != null;
    }

    /** Reads the training or test split from {@code dir}. */
    public static ImageSet read(Path dir, String name, boolean train) {
        String prefix = train ? "train" : "t10k";
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        if (images == null || labels == null) {
            throw new IllegalArgumentException("No " + prefix + " IDX files in " + dir);
        }
        return read(images, labels, name + (train ? "/train" : "/test"));
    }

    private static @Nullable Path find(Path dir, String base) {
        for (String candidate : new String[] {base, base + ".gz", base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Reads an images file and its labels file.
     *
     * @throws DataFormatException naming the file and offset of a bad magic number, dimension or truncation
     */
    public static ImageSet read(Path imagesFile, Path labelsFile, String name) {
        ByteBuffer images = ByteBuffer.wrap(bytes(imagesFile));
        ByteBuffer labels = ByteBuffer.wrap(bytes(labelsFile));
        int count = header(imagesFile, images, IMAGES_MAGIC);
        int rows = images.getInt();
        int cols = images.getInt();
        if (rows < 1 || cols < 1 || rows > 4096 || cols > 4096) {
            throw new DataFormatException(imagesFile, 8, "implausible image size " + rows + "x" + cols);
        }
        int labelCount = header(labelsFile, labels, LABELS_MAGIC);
        if (labelCount != count) {
            throw new DataFormatException(labelsFile, 4, labelCount + " labels for " + count + " images in " + imagesFile);
        }
        long needed = 16L + (long) count * rows * cols;
        if (images.capacity() < needed) {
            throw new DataFormatException(imagesFile, images.capacity(), "truncated: " + count + " images of "
                    + rows + "x" + cols + " need " + needed + " bytes");
        }
        if (labels.capacity() < 8L + count) {
            throw new DataFormatException(labelsFile, labels.capacity(), "truncated: " + count + " labels need "
                    + (8 + count) + " bytes");
        }
        byte[][] pixels = new byte[count][rows * cols];
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            images.get(pixels[i]);
            classes[i] = labels.get() & 0xff;
            if (classes[i] > 9) {
                throw new DataFormatException(labelsFile, 8L + i, "label " + classes[i] + " is not a class (0..9)");
            }
        }
        return new ImageSet(name, pixels, classes, 1, rows, cols, 10);
    }

    private static int header(Path file, ByteBuffer buffer, int magic) {
        if (buffer.capacity() < 8) {
            throw new DataFormatException(file, 0, "truncated: " + buffer.capacity() + " bytes, no IDX header");
        }
        int found = buffer.getInt();
        if (found != magic) {
            throw new DataFormatException(file, 0, String.format("magic number 0x%08x, expected 0x%08x: not an IDX "
                    + "%s file", found, magic, magic == IMAGES_MAGIC ? "images" : "labels"));
        }
        int count = buffer.getInt();
        if (count < 0) {
            throw new DataFormatException(file, 4, "negative item count " + count);
        }
        return count;
    }

    private static byte[] bytes(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** Writes images and labels as IDX files (for tests and for caching converted data). */
    public static void write(ImageSet set, Path imagesFile, Path labelsFile) {
        int pixels = set.getChannels() * set.getHeight() * set.getWidth();
        ByteBuffer images = ByteBuffer.allocate(16 + set.size() * pixels);
        images.putInt(IMAGES_MAGIC).putInt(set.size()).putInt(set.getHeight()).putInt(set.getWidth());
        ByteBuffer labels = ByteBuffer.allocate(8 + set.size());
        labels.putInt(LABELS_MAGIC).putInt(set.size());
        for (int i = 0; i < set.size(); i++) {
            images.put(set.image(i));
            labels.put((byte) set.label(i));
        }
        try {
            Files.write(imagesFile, images.array());
            Files.write(labelsFile, labels.array());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + imagesFile + " / " + labelsFile, e);
        }
    }
}
