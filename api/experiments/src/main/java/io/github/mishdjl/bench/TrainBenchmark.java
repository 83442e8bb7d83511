package io.github.mishdjl.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;

/**
 * Training-step speed of one network with different activations, side by side in one run: each round does one
 * SGD step (forward, backward, update on a fixed batch) with every variant in turn; the median step time is
 * reported, and the peak memory of one step (measured first, as in {@link ActivationBenchmark}).
 */
@NullMarked
public final class TrainBenchmark {

    /** One variant's result. */
    public record Result(String activation, double stepMs, double stepsPerSecond, double peakMib) {}

    private TrainBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param architecture a zoo name, e.g. {@code resnet20-v1}
     * @param activations registry names, e.g. relu, mish:native, mish:analytic
     * @param batch images per step
     * @param warmup untimed rounds
     * @param rounds timed rounds
     * @param progress one line per round
     * @return one result per activation, in order
     */
    public static List<Result> run(String architecture, List<String> activations, int batch, int warmup, int rounds,
            Consumer<String> progress) {
        Architecture arch = Zoo.get(architecture);
        Shape input = new Shape(batch).addAll(arch.getInputShape());
        List<Model> models = new ArrayList<>();
        List<Trainer> trainers = new ArrayList<>();
        try (NDManager data = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            NDArray x = data.randomNormal(input);
            NDArray y = data.randomInteger(0, arch.getClasses(), new Shape(batch), DataType.INT32);
            for (String activation : activations) {
                Model model = Model.newInstance(architecture + "-" + activation);
                model.setBlock(arch.build(Activations.get(activation)));
                Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f)
                                .build()));
                trainer.initialize(input);
                models.add(model);
                trainers.add(trainer);
            }
            double[] peaks = new double[activations.size()];
            Arrays.fill(peaks, Double.NaN);
            if (PeakMemory.supported() && PeakMemory.mapLargeAllocations()) {
                for (int v = 0; v < activations.size(); v++) {
                    FixedBatchStep.take(trainers.get(v), x, y);
                    long before = PeakMemory.reset();
                    FixedBatchStep.take(trainers.get(v), x, y);
                    peaks[v] = (PeakMemory.peak() - before) / (1024.0 * 1024.0);
                }
                PeakMemory.restoreAllocator();
            }
            double[][] times = new double[activations.size()][rounds];
            for (int round = -warmup; round < rounds; round++) {
                for (int v = 0; v < activations.size(); v++) {
                    long start = System.nanoTime();
                    FixedBatchStep.take(trainers.get(v), x, y);
                    if (round >= 0) {
                        times[v][round] = (System.nanoTime() - start) / 1e6;
                    }
                }
                progress.accept(round < 0 ? "warm-up round " + (round + warmup + 1) : "round " + (round + 1) + "/" + rounds);
            }
            List<Result> results = new ArrayList<>();
            for (int v = 0; v < activations.size(); v++) {
                double ms = ActivationBenchmark.median(times[v]);
                results.add(new Result(activations.get(v), ms, 1000 / ms, peaks[v]));
            }
            return results;
        } finally {
            trainers.forEach(Trainer::close);
            models.forEach(Model::close);
        }
    }
}
