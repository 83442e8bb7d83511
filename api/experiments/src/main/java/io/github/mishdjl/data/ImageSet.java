package io.github.mishdjl.data;

import java.util.Arrays;
import java.util.Random;
import org.jspecify.annotations.NullMarked;

/**
 * Images and labels in memory, as bytes (0..255) in CHW order: the form every source here reads into. Small
 * enough for the paper's datasets (CIFAR-10 is 180 MB), and a view ({@link #subset}) costs no copy of pixels.
 */
@NullMarked
public final class ImageSet {

    private final String name;
    private final byte[][] images;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final int classes;

    /**
     * Wraps images and labels.
     *
     * @param name what it is, e.g. {@code cifar10/train}
     * @param images one array of {@code channels * height * width} bytes per image, CHW
     * @param labels one class index per image
     * @param channels channels per image
     * @param height rows
     * @param width columns
     * @param classes number of classes
     */
    public ImageSet(String name, byte[][] images, int[] labels, int channels, int height, int width, int classes) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + images.length + " images but " + labels.length + " labels");
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(name + ": label " + label + " outside 0.." + (classes - 1));
            }
        }
        this.name = name;
        this.images = images;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = classes;
    }

    public String getName() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int getChannels() {
        return channels;
    }

    public int getHeight() {
        return height;
    }

    public int getWidth() {
        return width;
    }

    public int getClasses() {
        return classes;
    }

    /** The pixels of image {@code i}, CHW bytes (shared, do not modify). */
    public byte[] image(int i) {
        return images[i];
    }

    public int label(int i) {
        return labels[i];
    }

    /** The images at the given indices (pixels shared). */
    public ImageSet subset(String subsetName, int[] indices) {
        byte[][] chosen = new byte[indices.length][];
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            chosen[i] = images[indices[i]];
            chosenLabels[i] = labels[indices[i]];
        }
        return new ImageSet(subsetName, chosen, chosenLabels, channels, height, width, classes);
    }

    /**
     * A deterministic, class-stratified fraction of the set: the same seed gives the same images.
     *
     * @param fraction in (0, 1]
     * @param seed the shuffle's seed
     * @return the subset (this set itself for fraction 1)
     */
    public ImageSet fraction(double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        if (fraction == 1) {
            return this;
        }
        int[] order = shuffled(seed);
        int[] perClass = new int[classes];
        int[] quota = new int[classes];
        for (int label : labels) {
            quota[label]++;
        }
        for (int c = 0; c < classes; c++) {
            quota[c] = (int) Math.round(quota[c] * fraction);
        }
        int[] chosen = Arrays.stream(order).filter(i -> perClass[labels[i]]++ < quota[labels[i]]).sorted().toArray();
        return subset(name + " (" + Math.round(fraction * 1000) / 10.0 + "%)", chosen);
    }

    /** Splits off the last {@code count} images of a seeded shuffle as a validation set: {train, validation}. */
    public ImageSet[] split(int count, long seed) {
        if (count < 0 || count >= size()) {
            throw new IllegalArgumentException("validation size must be in [0, " + size() + "), got " + count);
        }
        int[] order = shuffled(seed);
        int[] train = Arrays.stream(order, 0, size() - count).sorted().toArray();
        int[] validation = Arrays.stream(order, size() - count, size()).sorted().toArray();
        return new ImageSet[] {subset(name + "/train", train), subset(name + "/validation", validation)};
    }

    /** A seeded permutation of the indices. */
    public int[] shuffled(long seed) {
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " images " + channels + "x" + height + "x" + width + ", " + classes + " classes";
    }
}
