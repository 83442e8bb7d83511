package io.github.mishdjl.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.data.BatchLoader;
import io.github.mishdjl.data.Augmentation;
import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.data.ImageSet;
import io.github.mishdjl.nn.Initializers;
import io.github.mishdjl.nn.ModelSummary;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Trains one network with DJL's {@link Trainer}: one sub-manager per batch (closed after the step, so memory
 * stays flat), evaluation on the test split after every epoch, top-1 and top-5, the learning rate, and a
 * checkpoint after every epoch from which an interrupted run resumes. A NaN or infinite loss stops the run and
 * marks it diverged. Batches are split over all devices the engine has (several GPUs when present).
 */
@NullMarked
public final class TrainingRun {

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final String STATE = "state.json";

    private TrainingRun() {}

    /** The training configuration: loss, optimiser, devices, and the protocol's weight initialiser. */
    static DefaultTrainingConfig config(Protocol p, Loss loss, Optimizer optimizer, Device[] devices) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(optimizer).optDevices(devices);
        if (!p.initializer().equals(Protocol.DEFAULT_INITIALIZER)) {
            // Only weights that still have DJL's default (one shared instance) get the protocol's initialiser; a
            // layer that chose its own (the capsule routing weights) keeps it.
            Initializer djlDefault = Parameter.Type.WEIGHT.getInitializer();
            config.optInitializer(Initializers.get(p.initializer()),
                    param -> param.getType() == Parameter.Type.WEIGHT && param.getInitializer() == djlDefault);
        }
        return config;
    }

    /** The checkpoint of an unfinished run: the epochs done so far. */
    record State(int epochsDone, List<EpochStats> history, double wallSeconds) {}

    /**
     * Trains (or resumes) one run.
     *
     * @param spec what to train
     * @param data the dataset's splits
     * @param checkpoints where this run's checkpoints live (created; resumed from if it holds one); null: none
     * @param progress receives progress
     * @return the result, finished or diverged
     */
    public static RunResult run(RunSpec spec, Datasets.Splits data, @Nullable Path checkpoints, Progress progress) {
        Protocol p = spec.protocol();
        Architecture arch = Zoo.get(spec.architecture());
        Shape input = arch.getInputShape();
        ImageSet train = data.getTrain().fraction(p.trainFraction(), 1000L + spec.seed());
        ImageSet test = data.getTest().fraction(p.testFraction(), 2000L);
        float[] mean = new float[(int) input.get(0)];
        float[] std = new float[mean.length];
        Arrays.fill(mean, (float) p.mean());
        Arrays.fill(std, (float) p.std());
        BatchLoader trainLoader = new BatchLoader(train, input, mean, std);
        BatchLoader testLoader = new BatchLoader(test, input, mean, std);
        int batches = trainLoader.batches(p.batchSize());
        State state = checkpoints == null ? null : readState(checkpoints);
        List<EpochStats> history = new ArrayList<>(state == null ? List.of() : state.history());
        double previousWall = state == null ? 0 : state.wallSeconds();
        long started = System.nanoTime();
        Loss loss = arch.newLoss();
        Tracker schedule = Schedules.of(p, batches);
        Optimizer optimizer = p.optimizer().equals("sgd")
                ? Optimizer.sgd().setLearningRateTracker(schedule).optMomentum((float) p.momentum())
                        .optWeightDecays((float) p.weightDecay()).build()
                : Optimizer.adam().optLearningRateTracker(schedule).optWeightDecays((float) p.weightDecay()).build();
        Device[] devices = Engine.getInstance().getDevices();
        DefaultTrainingConfig config = config(p, loss, optimizer, devices);
        Engine.getInstance().setRandomSeed(spec.seed());
        try (Model model = Model.newInstance(spec.id(), devices[0])) {
            model.setBlock(arch.build(Activations.get(spec.activation())));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(p.batchSize()).addAll(input));
                long parameters = ModelSummary.trainableParameters(model.getBlock());
                int first = state == null ? 0 : state.epochsDone();
                if (state != null && first > 0) {
                    // Parameters and batch-norm statistics come back; DJL keeps optimiser state (momentum, Adam
                    // moments) inside the optimiser, so a resumed run rebuilds it from zero.
                    model.load(checkpoints.resolve("epoch-" + first), "model");
                }
                progress.trainerReady(trainer.getManager());
                progress.runStarted(spec, first + 1, batches);
                for (int epoch = first + 1; epoch <= p.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    int[] order = train.shuffled(spec.seed() * 1_000_003L + epoch);
                    Random random = new Random(spec.seed() * 31L + epoch);
                    double lossSum = 0;
                    long correct = 0;
                    for (int b = 0; b < batches; b++) {
                        double[] step = trainStep(trainer, trainLoader, order, b, p, random);
                        if (!Double.isFinite(step[0])) {
                            RunResult result = result(spec, "diverged", history, parameters, data, previousWall, started,
                                    "loss became " + step[0] + " at epoch " + epoch + ", batch " + (b + 1));
                            progress.runFinished(result);
                            return result;
                        }
                        lossSum += step[0] * step[2];
                        correct += (long) step[1];
                        progress.batchFinished(epoch, b + 1, batches, step[0]);
                    }
                    double[] eval = evaluate(trainer, testLoader, p.batchSize(), p.inputNoise());
                    float rate = schedule.getNewValue(epoch * batches);
                    EpochStats stats = new EpochStats(epoch, lossSum / train.size(), (double) correct / train.size(),
                            eval[0], eval[1], eval[2], rate, (System.nanoTime() - epochStart) / 1e9);
                    history.add(stats);
                    progress.epochFinished(spec, stats);
                    if (checkpoints != null && epoch < p.epochs()) {
                        checkpoint(model, checkpoints, epoch, history, previousWall + (System.nanoTime() - started) / 1e9);
                    }
                }
                RunResult result = result(spec, "finished", history, parameters, data, previousWall, started, null);
                progress.runFinished(result);
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Checkpoint of " + spec.id() + " failed: " + e.getMessage(), e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("The checkpoint in " + checkpoints + " does not fit " + spec.id()
                    + "; delete that folder to start the run afresh", e);
        }
    }

    /** One optimiser step: returns {mean loss, correct predictions, batch size}. */
    private static double[] trainStep(Trainer trainer, BatchLoader loader, int[] order, int b, Protocol p,
            Random random) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDList xy = loader.batch(scope, order, b, p.batchSize(), p.augmentation(), p.inputNoise(), random);
            Batch batch = new Batch(scope, new NDList(xy.get(0)), new NDList(xy.get(1)), (int) xy.get(0).getShape().get(0),
                    Batchifier.STACK, Batchifier.STACK, b, loader.batches(p.batchSize()));
            double lossTotal = 0;
            long correct = 0;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                for (Batch split : batch.split(trainer.getDevices(), false)) {
                    NDList prediction = trainer.forward(split.getData(), split.getLabels());
                    NDArray l = trainer.getLoss().evaluate(split.getLabels(), prediction);
                    collector.backward(l);
                    lossTotal += l.getFloat() * split.getSize();
                    correct += countCorrect(prediction.singletonOrThrow(), split.getLabels().singletonOrThrow(), 1);
                }
            }
            trainer.step();
            int n = batch.getSize();
            return new double[] {lossTotal / n, correct, n};
        }
    }

    /** Test loss, top-1 and top-5 accuracy, without gradients, batch by batch (noise drawn with a fixed seed). */
    static double[] evaluate(Trainer trainer, BatchLoader loader, int batchSize, double noise) {
        Random random = new Random(12345);
        int n = loader.getSet().size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double lossSum = 0;
        long top1 = 0;
        long top5 = 0;
        for (int b = 0; b < loader.batches(batchSize); b++) {
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList xy = loader.batch(scope, order, b, batchSize, Augmentation.NONE, noise, random);
                NDList prediction = trainer.evaluate(new NDList(xy.get(0)));
                NDArray labels = xy.get(1);
                lossSum += trainer.getLoss().evaluate(new NDList(labels), prediction).getFloat() * labels.size();
                top1 += countCorrect(prediction.singletonOrThrow(), labels, 1);
                top5 += countCorrect(prediction.singletonOrThrow(), labels, 5);
            }
        }
        return new double[] {lossSum / n, (double) top1 / n, (double) top5 / n};
    }

    /** How many rows have their label among the k highest scores. */
    static long countCorrect(NDArray scores, NDArray labels, int k) {
        NDArray target = labels.toType(DataType.INT64, false).reshape(-1, 1);
        if (k == 1) {
            return scores.argMax(1).reshape(-1, 1).eq(target).sum().getLong();
        }
        int top = (int) Math.min(k, scores.getShape().get(1));
        NDArray best = scores.argSort(1, false).get(":, :" + top);
        return best.eq(target).sum().getLong();
    }

    private static RunResult result(RunSpec spec, String status, List<EpochStats> history, long parameters,
            Datasets.Splits data, double previousWall, long started, @Nullable String note) {
        return new RunResult(spec.id(), spec, status, List.copyOf(history), parameters, data.getSource(), environment(),
                previousWall + (System.nanoTime() - started) / 1e9, note);
    }

    /** Engine, device, threads, machine and versions, for results and reports. */
    public static Map<String, String> environment() {
        Engine engine = Engine.getInstance();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("engine", engine.getEngineName() + " " + engine.getVersion());
        env.put("djl", Engine.getDjlVersion());
        env.put("devices", Arrays.toString(engine.getDevices()));
        env.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return env;
    }

    private static @Nullable State readState(Path dir) {
        Path file = dir.resolve(STATE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            State state = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), State.class);
            if (state == null || state.history() == null || !Files.isDirectory(dir.resolve("epoch-" + state.epochsDone()))) {
                return null;
            }
            return state;
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable checkpoint is ignored: the run starts afresh, nothing finished is lost
        }
    }

    /** Parameters into epoch-N (written beside, then renamed), then the state file atomically; older ones go. */
    private static void checkpoint(Model model, Path dir, int epoch, List<EpochStats> history, double wall)
            throws IOException {
        Files.createDirectories(dir);
        Path partial = Files.createTempDirectory(dir, ".epoch-" + epoch);
        model.save(partial, "model");
        Path target = dir.resolve("epoch-" + epoch);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        Path tmp = Files.createTempFile(dir, ".state", ".json");
        Files.writeString(tmp, GSON.toJson(new State(epoch, history, wall)), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(STATE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (var old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("epoch-") && !name.equals("epoch-" + epoch)) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Deletes a folder and everything in it (nothing if it does not exist). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
