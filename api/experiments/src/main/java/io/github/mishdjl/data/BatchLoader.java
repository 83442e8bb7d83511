package io.github.mishdjl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.jspecify.annotations.NullMarked;

/**
 * Turns an {@link ImageSet} into NDArray batches: bytes to floats, fitted to the network's input (a gray image
 * becomes three equal channels, a smaller one is centred with zero padding: MNIST's 28x28 becomes 32x32),
 * augmented in training (seeded per epoch, so a resumed run sees the same images), normalised with a mean and
 * standard deviation per channel.
 */
@NullMarked
public final class BatchLoader {

    private final ImageSet set;
    private final int channels;
    private final int height;
    private final int width;
    private final float[] mean;
    private final float[] std;

    /**
     * Creates a loader.
     *
     * @param set the images
     * @param inputShape the network's input for one image, (C, H, W)
     * @param mean per output channel, on the 0..1 scale
     * @param std per output channel
     */
    public BatchLoader(ImageSet set, Shape inputShape, float[] mean, float[] std) {
        this.set = set;
        this.channels = (int) inputShape.get(0);
        this.height = (int) inputShape.get(1);
        this.width = (int) inputShape.get(2);
        mismatch(set.getName(), new Shape(set.getChannels(), set.getHeight(), set.getWidth()), inputShape)
                .ifPresent(why -> {
                    throw new IllegalArgumentException(why);
                });
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("mean and std need one value per channel (" + channels + ")");
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * Why images of {@code images} shape (C, H, W) cannot feed a network taking {@code inputShape}, if they cannot:
     * the channels must match (or the images be gray, repeated), and the images be no larger than the input (a
     * smaller one is padded). Checked before any data is fetched, so a mismatch costs no download.
     */
    public static java.util.Optional<String> mismatch(String dataset, Shape images, Shape inputShape) {
        if (images.get(0) != inputShape.get(0) && images.get(0) != 1) {
            return java.util.Optional.of(dataset + " has " + images.get(0) + " channels; the network takes "
                    + inputShape.get(0));
        }
        if (images.get(1) > inputShape.get(1) || images.get(2) > inputShape.get(2)) {
            return java.util.Optional.of(dataset + " images are " + images.get(1) + "x" + images.get(2)
                    + ", larger than the network's " + inputShape.get(1) + "x" + inputShape.get(2) + " input");
        }
        return java.util.Optional.empty();
    }

    public ImageSet getSet() {
        return set;
    }

    /** The number of batches of {@code batchSize} in one pass (the last may be smaller). */
    public int batches(int batchSize) {
        return (set.size() + batchSize - 1) / batchSize;
    }

    /**
     * Builds one batch: data (B, C, H, W) float32 and labels (B) int32, in {@code manager}.
     *
     * @param manager owns the arrays (close it after the step)
     * @param order the image order of this pass
     * @param batch the batch's index in the pass
     * @param batchSize images per batch
     * @param augmentation what to apply (NONE for evaluation)
     * @param random drives the augmentation
     * @return {data, labels}
     */
    public NDList batch(NDManager manager, int[] order, int batch, int batchSize, Augmentation augmentation,
            Random random) {
        return batch(manager, order, batch, batchSize, augmentation, 0, random);
    }

    /**
     * Builds one batch with zero-mean Gaussian noise of standard deviation {@code noise} added to the normalised
     * pixels (the paper's input-noise ablation), drawn from {@code random}.
     */
    public NDList batch(NDManager manager, int[] order, int batch, int batchSize, Augmentation augmentation,
            double noise, Random random) {
        int from = batch * batchSize;
        int to = Math.min(order.length, from + batchSize);
        int n = to - from;
        int plane = height * width;
        float[] data = new float[n * channels * plane];
        int[] labels = new int[n];
        float[] canvas = new float[channels * plane];
        for (int b = 0; b < n; b++) {
            int index = order[from + b];
            labels[b] = set.label(index);
            fit(set.image(index), canvas);
            if (augmentation.any()) {
                augment(canvas, augmentation, random);
            }
            int base = b * channels * plane;
            for (int c = 0; c < channels; c++) {
                float m = mean[c];
                float s = std[c];
                for (int p = 0; p < plane; p++) {
                    data[base + c * plane + p] = (canvas[c * plane + p] - m) / s
                            + (noise > 0 ? (float) (noise * random.nextGaussian()) : 0f);
                }
            }
        }
        NDArray x = manager.create(data, new Shape(n, channels, height, width));
        NDArray y = manager.create(labels, new Shape(n));
        return new NDList(x, y);
    }

    /** Bytes to 0..1 floats on the network's canvas: centred, channels replicated from gray. */
    private void fit(byte[] pixels, float[] canvas) {
        java.util.Arrays.fill(canvas, 0f);
        int h = set.getHeight();
        int w = set.getWidth();
        int top = (height - h) / 2;
        int left = (width - w) / 2;
        for (int c = 0; c < channels; c++) {
            int source = set.getChannels() == 1 ? 0 : c;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    canvas[c * height * width + (y + top) * width + x + left] =
                            (pixels[source * h * w + y * w + x] & 0xff) / 255f;
                }
            }
        }
    }

    /** Crop after padding, flip, rotate (bilinear, zero outside), in place. */
    static void augment(float[] canvas, Augmentation a, Random random, int channels, int height, int width) {
        int dy = a.cropPadding() > 0 ? random.nextInt(2 * a.cropPadding() + 1) - a.cropPadding() : 0;
        int dx = a.cropPadding() > 0 ? random.nextInt(2 * a.cropPadding() + 1) - a.cropPadding() : 0;
        boolean flip = a.flipProbability() > 0 && random.nextDouble() < a.flipProbability();
        double angle = a.rotationDegrees() > 0 ? Math.toRadians((random.nextDouble() * 2 - 1) * a.rotationDegrees()) : 0;
        if (angle == 0) {
            shift(canvas, dy, dx, flip, channels, height, width);
        } else {
            resample(canvas, dy, dx, flip, angle, channels, height, width);
        }
    }

    /**
     * Crop and flip without rotation: whole-pixel moves, so plain copies give exactly what {@link #resample} gives
     * (its interpolation weights are then 1 and 0) at a fraction of the cost.
     */
    static void shift(float[] canvas, int dy, int dx, boolean flip, int channels, int height, int width) {
        int plane = height * width;
        float[] source = canvas.clone();
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                int row = base + y * width;
                if (sy < 0 || sy >= height) {
                    java.util.Arrays.fill(canvas, row, row + width, 0f);
                    continue;
                }
                int sourceRow = base + sy * width;
                for (int x = 0; x < width; x++) {
                    int sx = (flip ? width - 1 - x : x) + dx;
                    canvas[row + x] = sx >= 0 && sx < width ? source[sourceRow + sx] : 0f;
                }
            }
        }
    }

    /** The general case: every output pixel interpolated bilinearly from its source position (zero outside). */
    static void resample(float[] canvas, int dy, int dx, boolean flip, double angle, int channels, int height,
            int width) {
        int plane = height * width;
        float[] source = canvas.clone();
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // output pixel -> source position: undo flip, then rotation about the centre, then the crop shift
                double ox = flip ? width - 1 - x : x;
                double ry = cos * (y - cy) - sin * (ox - cx) + cy;
                double rx = sin * (y - cy) + cos * (ox - cx) + cx;
                double sy = ry + dy;
                double sx = rx + dx;
                for (int c = 0; c < channels; c++) {
                    canvas[c * plane + y * width + x] = bilinear(source, c * plane, height, width, sy, sx);
                }
            }
        }
    }

    private void augment(float[] canvas, Augmentation a, Random random) {
        augment(canvas, a, random, channels, height, width);
    }

    private static float bilinear(float[] image, int offset, int height, int width, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        double v = 0;
        for (int j = 0; j <= 1; j++) {
            for (int i = 0; i <= 1; i++) {
                int yy = y0 + j;
                int xx = x0 + i;
                double weight = (j == 0 ? 1 - fy : fy) * (i == 0 ? 1 - fx : fx);
                if (weight != 0 && yy >= 0 && yy < height && xx >= 0 && xx < width) {
                    v += weight * image[offset + yy * width + xx];
                }
            }
        }
        return (float) v;
    }
}
