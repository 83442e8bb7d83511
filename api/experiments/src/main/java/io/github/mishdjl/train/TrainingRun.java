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

    /**
     * The checkpoint of an unfinished run.
     *
     * @param epochsDone epochs finished
     * @param checkpoint the folder (under the run's checkpoint folder) holding the parameters and optimiser state
     *     after that epoch; a name of its own each time, so no step ever has to replace an existing folder
     * @param history one entry per finished epoch
     * @param wallSeconds training time so far
     * @param resumedAfter the epochs after which earlier attempts stopped and this run was resumed
     */
    record State(int epochsDone, @Nullable String checkpoint, List<EpochStats> history, double wallSeconds,
            @Nullable List<Integer> resumedAfter) {}

    /** Test hook: called at each step boundary of checkpointing with its name; a test throws to simulate a kill. */
    static java.util.function.Consumer<String> faultInjection = step -> { };

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
        return run(spec, data, checkpoints, null, progress);
    }

    /**
     * Trains (or resumes) one run and, when it finishes, keeps its final parameters.
     *
     * @param spec what to train
     * @param data the dataset's splits
     * @param checkpoints where this run's checkpoints live (created; resumed from if it holds one); null: none
     * @param weights where the finished run's parameters go ({@code Model.save} files; written beside under a
     *     temporary name, then moved in whole); null: not kept
     * @param progress receives progress
     * @return the result, finished or diverged
     */
    public static RunResult run(RunSpec spec, Datasets.Splits data, @Nullable Path checkpoints, @Nullable Path weights,
            Progress progress) {
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
        if (checkpoints != null) {
            try {
                sweep(checkpoints, state);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clean up the checkpoints in " + checkpoints, e);
            }
        }
        List<EpochStats> history = new ArrayList<>(state == null ? List.of() : state.history());
        List<Integer> resumedAfter = new ArrayList<>(state == null || state.resumedAfter() == null ? List.of()
                : state.resumedAfter());
        double previousWall = state == null ? 0 : state.wallSeconds();
        long started = System.nanoTime();
        Loss loss = arch.newLoss();
        Tracker schedule = Schedules.of(p, batches);
        ResumableOptimizer optimizer = ResumableOptimizer.of(p, schedule);
        Device[] devices = Engine.getInstance().getDevices();
        DefaultTrainingConfig config = config(p, loss, optimizer, devices);
        Engine.getInstance().setRandomSeed(spec.seed());
        try (Model model = Model.newInstance(spec.id(), devices[0])) {
            model.setBlock(arch.build(Activations.get(spec.activation())));
            int first = state == null ? 0 : state.epochsDone();
            Path saved = state != null && first > 0 ? checkpoints.resolve(checkpointName(state)) : null;
            if (saved != null) {
                // Loaded before the trainer exists: the trainer copies every parameter into its parameter store
                // when it initialises, so a load after that would never reach training.
                model.load(saved, "model");
            }
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(p.batchSize()).addAll(input)); // loaded parameters keep their values
                optimizer.bind(model.getBlock());
                long parameters = ModelSummary.trainableParameters(model.getBlock());
                if (saved != null) {
                    // With the optimiser's state and step count back too, the run continues exactly.
                    optimizer.load(saved, model.getNDManager());
                    resumedAfter.add(first);
                }
                progress.trainerReady(trainer.getManager());
                progress.runStarted(spec, first + 1, batches);
                for (int epoch = first + 1; epoch <= p.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    long cpuStart = processCpuNanos();
                    // The engine's random draws (dropout, RReLU) restart from a seed of their own each epoch, so a
                    // run resumed at an epoch boundary draws exactly what the uninterrupted run draws.
                    Engine.getInstance().setRandomSeed(spec.seed() * 7919 + epoch);
                    int[] order = train.shuffled(spec.seed() * 1_000_003L + epoch);
                    Random random = new Random(spec.seed() * 31L + epoch);
                    double lossSum = 0;
                    long correct = 0;
                    double[] prepare = new double[batches];
                    double[] steps = new double[batches];
                    for (int b = 0; b < batches; b++) {
                        double[] step = trainStep(trainer, trainLoader, order, b, p, random);
                        prepare[b] = step[3];
                        steps[b] = step[4];
                        if (!Double.isFinite(step[0])) {
                            RunResult result = result(spec, "diverged", history, parameters, data, previousWall, started,
                                    "loss became " + step[0] + " at epoch " + epoch + ", batch " + (b + 1),
                                    resumedAfter);
                            progress.runFinished(result);
                            return result;
                        }
                        lossSum += step[0] * step[2];
                        correct += (long) step[1];
                        progress.batchFinished(epoch, b + 1, batches, step[0]);
                    }
                    long evalStart = System.nanoTime();
                    double[] eval = evaluate(trainer, testLoader, p.batchSize(), p.inputNoise());
                    long epochEnd = System.nanoTime();
                    long cpuEnd = processCpuNanos();
                    float rate = optimizer.lastLearningRate(); // the rate of the epoch's last update, as used
                    EpochStats stats = new EpochStats(epoch, lossSum / train.size(), (double) correct / train.size(),
                            eval[0], eval[1], eval[2], rate, (epochEnd - epochStart) / 1e9,
                            cpuStart < 0 || cpuEnd < 0 ? 0 : (cpuEnd - cpuStart) / 1e9);
                    history.add(stats);
                    progress.epochTimed(spec, epoch, new EpochTiming(prepare, steps, (epochEnd - evalStart) / 1e9,
                            testLoader.batches(p.batchSize()), stats.seconds()));
                    progress.epochFinished(spec, stats);
                    if (checkpoints != null && epoch < p.epochs()) {
                        checkpoint(model, optimizer, checkpoints, epoch, history,
                                previousWall + (System.nanoTime() - started) / 1e9, resumedAfter);
                    }
                }
                if (weights != null) {
                    keep(model, weights);
                }
                RunResult result = result(spec, "finished", history, parameters, data, previousWall, started, null,
                        resumedAfter);
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

    /**
     * One optimiser step: returns {mean loss, correct predictions, batch size, seconds preparing the batch, seconds
     * of the step}.
     */
    private static double[] trainStep(Trainer trainer, BatchLoader loader, int[] order, int b, Protocol p,
            Random random) {
        long start = System.nanoTime();
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDList xy = loader.batch(scope, order, b, p.batchSize(), p.augmentation(), p.inputNoise(), random);
            long prepared = System.nanoTime();
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
            return new double[] {lossTotal / n, correct, n, (prepared - start) / 1e9, (System.nanoTime() - prepared) / 1e9};
        }
    }

    /**
     * The CPU time this process has used so far, in nanoseconds, or -1 where the JVM cannot tell (the difference of
     * two readings is an epoch's {@link EpochStats#cpuSeconds}).
     */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
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
            Datasets.Splits data, double previousWall, long started, @Nullable String note, List<Integer> resumedAfter) {
        return new RunResult(spec.id(), spec, status, List.copyOf(history), parameters, data.getSource(), environment(),
                previousWall + (System.nanoTime() - started) / 1e9, note, List.copyOf(resumedAfter));
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
        env.put("cpu", cpuModel());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return env;
    }

    /** The processor's model name (Linux: /proc/cpuinfo), so wall times can be compared across machines. */
    private static String cpuModel() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown"; // not Linux
        }
    }

    /**
     * The epochs an unfinished run has checkpointed under {@code checkpoints} (its folder, as given to {@link #run}):
     * where a restart resumes from; 0 when there is no usable checkpoint (the run starts afresh).
     */
    public static int checkpointedEpochs(Path checkpoints) {
        State state = readState(checkpoints);
        return state == null ? 0 : state.epochsDone();
    }

    private static @Nullable State readState(Path dir) {
        Path file = dir.resolve(STATE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            State state = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), State.class);
            if (state == null || state.history() == null || state.epochsDone() != state.history().size()
                    || !Files.isDirectory(dir.resolve(checkpointName(state)))) {
                return null;
            }
            return state;
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable checkpoint is ignored: the run starts afresh, nothing finished is lost
        }
    }

    private static String checkpointName(State state) {
        return state.checkpoint() != null ? state.checkpoint() : "epoch-" + state.epochsDone();
    }

    /**
     * Removes everything in a run's checkpoint folder that its state file does not point at: temporary folders and
     * files of an interrupted checkpoint, and checkpoints that a newer one replaced. Safe at any time: the state
     * file is the only thing that makes a checkpoint count.
     */
    static void sweep(Path dir, @Nullable State state) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        String keep = state == null ? null : checkpointName(state);
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!name.equals(STATE) && !name.equals(keep)) {
                    io.github.mishdjl.files.FileTrees.delete(p);
                }
            }
        }
    }

    /**
     * Checkpoints after an epoch, so that a kill between any two steps leaves a resumable run: the parameters and
     * the optimiser state go into a new folder of a unique name (written beside under a temporary name, then
     * renamed), then the state file that points at it is replaced atomically, then older checkpoints go. Before the
     * state file moves, the previous checkpoint still counts; after, the new one does; leftovers are swept at the
     * next start ({@link #sweep}).
     */
    private static void checkpoint(Model model, ResumableOptimizer optimizer, Path dir, int epoch,
            List<EpochStats> history, double wall, List<Integer> resumedAfter) throws IOException {
        Files.createDirectories(dir);
        Path partial = Files.createTempDirectory(dir, ".epoch-" + epoch + "-");
        model.save(partial, "model");
        optimizer.save(partial);
        faultInjection.accept("written");
        String name = "epoch-" + epoch + "-" + partial.getFileName().toString().substring(("." + "epoch-" + epoch
                + "-").length());
        Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        faultInjection.accept("moved");
        String state = GSON.toJson(new State(epoch, name, history, wall, resumedAfter));
        io.github.mishdjl.files.AtomicFiles.write(dir.resolve(STATE), tmp -> {
            Files.writeString(tmp, state, StandardCharsets.UTF_8);
            // a kill here leaves the temporary file (swept at the next start); an exception removes it
            faultInjection.accept("state-written");
        });
        faultInjection.accept("state-moved");
        sweep(dir, new State(epoch, name, history, wall, resumedAfter));
    }

    /** Saves the final parameters into {@code target} (replacing an older copy), via a temporary folder beside it. */
    private static void keep(Model model, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempDirectory(parent, "." + target.getFileName() + "-");
        try {
            model.save(partial, "model");
            io.github.mishdjl.files.FileTrees.delete(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            io.github.mishdjl.files.FileTrees.delete(partial);
        }
    }
}
