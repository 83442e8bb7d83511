package io.github.mishdjl.analysis;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.data.Augmentation;
import io.github.mishdjl.data.BatchLoader;
import io.github.mishdjl.data.ImageSet;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.NullMarked;

/**
 * The loss of a trained network on a plane through its weights (the paper's Fig. 4, after Li et al., "Visualizing
 * the Loss Landscape of Neural Nets", NeurIPS 2018): {@code L(theta + a * d1 + b * d2)} over a square grid of
 * (a, b), where d1 and d2 are random Gaussian directions, filter-normalised (each filter of d scaled to the norm of
 * the same filter of theta, so that networks of different scale are comparable) and zero on biases and batch-norm
 * parameters (Li et al.'s "ignore bias and BN" setting). Evaluated in inference mode (batch norm with its running
 * statistics, no dropout) on a fixed, class-stratified set of training images without augmentation.
 */
@NullMarked
public final class LossLandscape {

    /** Told after each row of a surface's grid (a surface takes minutes: one row is {@code resolution} points). */
    @FunctionalInterface
    public interface RowProgress {
        /** Nothing is told. */
        RowProgress NONE = (done, rows) -> { };

        /**
         * @param done rows finished, 1 to {@code rows}
         * @param rows rows in the grid (its resolution)
         */
        void rowFinished(int done, int rows);
    }

    /**
     * A computed surface: small enough to store with the results (the weights it came from are not).
     *
     * @param run the run's identifier
     * @param architecture zoo name
     * @param activation registry name
     * @param seed the run's seed
     * @param coordinates the grid's values along each axis (the same for a and b)
     * @param loss {@code loss[i][j]} at a = coordinates[i], b = coordinates[j]: mean cross-entropy
     * @param accuracy likewise, top-1 accuracy in [0, 1]
     * @param images training images evaluated at every point
     * @param directionSeed the seed of the two random directions
     * @param seconds wall time of the computation
     * @param environment engine, versions, threads and machine ({@code TrainingRun.environment()})
     */
    public record Surface(String run, String architecture, String activation, int seed, double[] coordinates,
            double[][] loss, double[][] accuracy, int images, long directionSeed, double seconds,
            java.util.Map<String, String> environment) {

        /** The loss at the trained weights (the grid's centre). */
        public double centreLoss() {
            int c = coordinates.length / 2;
            return loss[c][c];
        }

        /**
         * How fast the loss rises around the trained weights: the mean of (loss - centre loss) over the points with
         * |a| and |b| at most {@code radius} (the centre included). Fig. 4's claim, "a wider minimum", shows as a
         * smaller rise; filter normalisation makes it comparable between activations of one architecture. A point
         * where the loss overflowed counts as the plane's largest finite loss (a lower bound of its rise).
         */
        public double meanRise(double radius) {
            double largest = Arrays.stream(loss).flatMapToDouble(Arrays::stream).filter(Double::isFinite).max()
                    .orElse(Double.NaN);
            double sum = 0;
            int n = 0;
            for (int i = 0; i < coordinates.length; i++) {
                for (int j = 0; j < coordinates.length; j++) {
                    if (Math.abs(coordinates[i]) <= radius + 1e-12 && Math.abs(coordinates[j]) <= radius + 1e-12) {
                        sum += (Double.isFinite(loss[i][j]) ? loss[i][j] : largest) - centreLoss();
                        n++;
                    }
                }
            }
            return sum / n;
        }

        /** The share of the plane's points whose loss is below {@code factor} times the centre loss. */
        public double shareBelow(double factor) {
            long below = Arrays.stream(loss).flatMapToDouble(Arrays::stream).filter(l -> l < factor * centreLoss())
                    .count();
            return below / (double) (coordinates.length * coordinates.length);
        }
    }

    private static final com.google.gson.Gson GSON = new com.google.gson.GsonBuilder()
            .serializeSpecialFloatingPointValues().create();

    private LossLandscape() {}

    /** Where a results folder keeps its surfaces: {@code landscape/<run id>.json}. */
    public static Path folder(Path results) {
        return results.resolve("landscape");
    }

    /** Stores a surface in a results folder (atomically; replaces an older one of the same run). */
    public static Path save(Path results, Surface surface) {
        Path file = folder(results).resolve(surface.run() + ".json");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            io.github.mishdjl.files.AtomicFiles.writeString(file, GSON.toJson(surface) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The surfaces stored in a results folder, by run id (empty when there are none). */
    public static List<Surface> load(Path results) {
        Path dir = folder(results);
        if (!java.nio.file.Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = java.nio.file.Files.list(dir)) {
            List<Surface> out = new ArrayList<>();
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".json") && !name.startsWith(".")) {
                    Surface s = GSON.fromJson(java.nio.file.Files.readString(f), Surface.class);
                    if (s.environment() == null) { // written before surfaces recorded where they ran
                        s = new Surface(s.run(), s.architecture(), s.activation(), s.seed(), s.coordinates(), s.loss(),
                                s.accuracy(), s.images(), s.directionSeed(), s.seconds(), java.util.Map.of());
                    }
                    out.add(s);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the surfaces in " + dir, e);
        }
    }

    /**
     * Loads a finished run's final weights and computes its surface.
     *
     * @param spec the run
     * @param weights the folder the run's final weights were saved in ({@code ResultsStore.weights(id)})
     * @param train the protocol dataset's training split
     * @param resolution points per axis (odd, so the trained weights are on the grid)
     * @param span the grid covers [-span, span] on both axes
     * @param images training images to evaluate (a class-stratified subset)
     * @param directionSeed seeds the directions (the same seed gives every network the same draw)
     * @param progress told after every row of the grid
     */
    public static Surface of(RunSpec spec, Path weights, ImageSet train, int resolution, double span, int images,
            long directionSeed, RowProgress progress) {
        Architecture arch = Zoo.get(spec.architecture());
        try (Model model = Model.newInstance("landscape-" + spec.id())) {
            model.setBlock(arch.build(Activations.get(spec.activation())));
            model.load(weights, "model");
            ImageSet subset = train.fraction(Math.min(1.0, images / (double) train.size()), 4242L);
            return compute(spec, model.getBlock(), model.getNDManager(), arch.newLoss(), subset, resolution, span,
                    directionSeed, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the weights of " + spec.id() + " in " + weights, e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("The weights in " + weights + " do not fit " + spec.id(), e);
        }
    }

    /**
     * Computes the surface of an initialised block (its parameters are restored afterwards).
     *
     * @param spec the run (its protocol gives the normalisation)
     * @param block the trained network
     * @param manager owns the block's parameters
     * @param loss the training loss
     * @param data the images evaluated at every point
     * @param resolution points per axis (odd)
     * @param span the grid covers [-span, span]
     * @param directionSeed seeds the directions
     * @param progress told after every row of the grid
     */
    public static Surface compute(RunSpec spec, Block block, NDManager manager, Loss loss, ImageSet data,
            int resolution, double span, long directionSeed, RowProgress progress) {
        if (resolution < 3 || resolution % 2 == 0) {
            throw new IllegalArgumentException("resolution must be odd and at least 3, got " + resolution);
        }
        if (!(span > 0)) {
            throw new IllegalArgumentException("span must be positive, got " + span);
        }
        double[] coordinates = new double[resolution];
        for (int i = 0; i < resolution; i++) {
            coordinates[i] = -span + 2 * span * i / (resolution - 1);
        }
        Protocol p = spec.protocol();
        float[] mean = new float[(int) Zoo.get(spec.architecture()).getInputShape().get(0)];
        float[] std = new float[mean.length];
        Arrays.fill(mean, (float) p.mean());
        Arrays.fill(std, (float) p.std());
        BatchLoader loader = new BatchLoader(data, Zoo.get(spec.architecture()).getInputShape(), mean, std);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long started = System.nanoTime();
        double[][] lossGrid = new double[resolution][resolution];
        double[][] accuracyGrid = new double[resolution][resolution];
        try (NDManager scope = manager.newSubManager()) {
            List<NDArray> targets = new ArrayList<>();
            List<NDArray> theta = new ArrayList<>();
            List<NDArray> d1 = new ArrayList<>();
            List<NDArray> d2 = new ArrayList<>();
            Random random = new Random(directionSeed);
            for (Pair<String, Parameter> pair : block.getParameters()) {
                NDArray w = pair.getValue().getArray();
                NDArray copy = w.duplicate();
                copy.attach(scope);
                targets.add(w);
                theta.add(copy);
                d1.add(direction(copy, random, scope));
                d2.add(direction(copy, random, scope));
            }
            try {
                ParameterStore store = new ParameterStore(manager, false);
                for (int i = 0; i < resolution; i++) {
                    for (int j = 0; j < resolution; j++) {
                        try (NDManager point = scope.newSubManager()) {
                            // theta and the directions move into this point's manager while it is open, so every
                            // intermediate array made from them is freed with it (and they return to scope after)
                            NDList borrowed = new NDList();
                            borrowed.addAll(theta);
                            borrowed.addAll(d1);
                            borrowed.addAll(d2);
                            point.tempAttachAll(borrowed);
                            for (int k = 0; k < targets.size(); k++) {
                                NDArray v = theta.get(k).add(d1.get(k).mul(coordinates[i]))
                                        .add(d2.get(k).mul(coordinates[j]));
                                v.attach(point);
                                assign(targets.get(k), v);
                            }
                            double[] r = evaluate(block, store, loader, order, loss, point);
                            lossGrid[i][j] = r[0];
                            accuracyGrid[i][j] = r[1];
                        }
                    }
                    progress.rowFinished(i + 1, resolution);
                }
            } finally {
                for (int k = 0; k < targets.size(); k++) {
                    assign(targets.get(k), theta.get(k)); // the block leaves as it came
                }
            }
        }
        return new Surface(spec.id(), spec.architecture(), spec.activation(), spec.seed(), coordinates, lossGrid,
                accuracyGrid, data.size(), directionSeed, (System.nanoTime() - started) / 1e9,
                io.github.mishdjl.train.TrainingRun.environment());
    }

    /**
     * A random Gaussian direction for one parameter, filter-normalised: each filter (slice along the first axis)
     * scaled to the norm of the parameter's same filter; zero for one-dimensional parameters (biases, batch norm).
     * Drawn in Java from {@code random}, so the directions do not depend on the engine's generator.
     */
    static NDArray direction(NDArray weight, Random random, NDManager manager) {
        int n = Math.toIntExact(weight.size());
        float[] values = new float[n];
        if (weight.getShape().dimension() >= 2) {
            float[] w = weight.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            int filters = (int) weight.getShape().get(0);
            int per = n / filters;
            for (int f = 0; f < filters; f++) {
                double dn = 0;
                double wn = 0;
                for (int i = f * per; i < (f + 1) * per; i++) {
                    values[i] = (float) random.nextGaussian();
                    dn += (double) values[i] * values[i];
                    wn += (double) w[i] * w[i];
                }
                double scale = Math.sqrt(wn) / (Math.sqrt(dn) + 1e-10);
                for (int i = f * per; i < (f + 1) * per; i++) {
                    values[i] = (float) (values[i] * scale);
                }
            }
        }
        NDArray d = manager.create(values, weight.getShape()).toType(weight.getDataType(), false);
        return d;
    }

    /** Writes {@code value} into {@code target}'s own storage (the block keeps its parameter arrays). */
    private static void assign(NDArray target, NDArray value) {
        target.set(new NDIndex("..."), value);
    }

    private static double[] evaluate(Block block, ParameterStore store, BatchLoader loader, int[] order, Loss loss,
            NDManager manager) {
        int batchSize = 256;
        double lossSum = 0;
        long correct = 0;
        for (int b = 0; b < loader.batches(batchSize); b++) {
            try (NDManager batch = manager.newSubManager()) {
                NDList xy = loader.batch(batch, order, b, batchSize, Augmentation.NONE, new Random(0));
                NDList out = block.forward(store, new NDList(xy.get(0)), false);
                NDArray labels = xy.get(1);
                lossSum += loss.evaluate(new NDList(labels), out).getFloat() * labels.size();
                correct += out.singletonOrThrow().argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false)
                        .eq(labels.toType(ai.djl.ndarray.types.DataType.INT32, false)).sum().getLong();
            }
        }
        int n = order.length;
        return new double[] {lossSum / n, (double) correct / n};
    }
}
