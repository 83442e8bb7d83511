package io.github.mishdjl.train;

import io.github.mishdjl.data.Augmentation;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;

/**
 * How one network is trained: data, budget, optimiser, schedule, augmentation. Immutable; part of a run's
 * identity, so two runs with equal protocols are the same experiment.
 *
 * @param dataset {@code cifar10}, {@code mnist} or {@code fashion-mnist}
 * @param epochs passes over the training data
 * @param batchSize images per step
 * @param optimizer {@code sgd} (with momentum) or {@code adam}
 * @param learningRate the base learning rate
 * @param momentum SGD momentum (ignored by Adam)
 * @param weightDecay L2 weight decay
 * @param schedule {@code none}, {@code step} (x0.1 at each milestone), {@code cosine} or {@code onecycle}
 * @param milestones epochs of the step schedule
 * @param augmentation random crop / flip / rotation in training
 * @param trainFraction fraction of the training set used (class-stratified, seeded)
 * @param testFraction fraction of the test set used
 * @param mean per-channel normalisation mean (0..1 scale), one value for all channels
 * @param std per-channel normalisation standard deviation
 * @param inputNoise standard deviation of zero-mean Gaussian noise added to every normalised input, in training
 *     and test alike (the paper's Fig. 5b); 0 for none
 */
@NullMarked
public record Protocol(String dataset, int epochs, int batchSize, String optimizer, double learningRate,
        double momentum, double weightDecay, String schedule, List<Integer> milestones, Augmentation augmentation,
        double trainFraction, double testFraction, double mean, double std, double inputNoise) {

    /** A protocol without input noise. */
    public Protocol(String dataset, int epochs, int batchSize, String optimizer, double learningRate, double momentum,
            double weightDecay, String schedule, List<Integer> milestones, Augmentation augmentation,
            double trainFraction, double testFraction, double mean, double std) {
        this(dataset, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, milestones,
                augmentation, trainFraction, testFraction, mean, std, 0);
    }

    public Protocol {
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        schedule = schedule.toLowerCase(Locale.ROOT);
        milestones = List.copyOf(milestones);
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1, got " + epochs + ", " + batchSize);
        }
        if (!List.of("sgd", "adam").contains(optimizer)) {
            throw new IllegalArgumentException("optimizer must be sgd or adam, got '" + optimizer + "'");
        }
        if (!List.of("none", "step", "cosine", "onecycle").contains(schedule)) {
            throw new IllegalArgumentException("schedule must be none, step, cosine or onecycle, got '" + schedule + "'");
        }
        if (!(learningRate > 0) || !(std > 0)) {
            throw new IllegalArgumentException("learning rate and std must be > 0");
        }
        if (!(trainFraction > 0 && trainFraction <= 1) || !(testFraction > 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("data fractions must be in (0, 1]");
        }
        if (!(inputNoise >= 0)) {
            throw new IllegalArgumentException("input noise must be >= 0, got " + inputNoise);
        }
    }

    /** The paper's PyTorch-notebook protocol: Adam 1e-3, no schedule, batch 128, flip 0.4 + rotation 30, 0.5/0.5. */
    public static Protocol pytorchNotebooks(String dataset, int epochs) {
        return new Protocol(dataset, epochs, 128, "adam", 1e-3, 0, 0, "none", List.of(), Augmentation.FLIP_ROTATE,
                1, 1, 0.5, 0.5);
    }

    /** The later ResNet protocol: SGD 0.1 momentum 0.9, wd 5e-4, x0.1 at epochs 100 and 150, crop + flip. */
    public static Protocol resnetSgd(String dataset, int epochs) {
        return new Protocol(dataset, epochs, 128, "sgd", 0.1, 0.9, 5e-4, "step",
                List.of(epochs / 2, epochs * 3 / 4), Augmentation.CROP_FLIP, 1, 1, 0.5, 0.5);
    }

    /** The same protocol with another epoch budget (milestones scaled alike). */
    public Protocol withEpochs(int newEpochs) {
        List<Integer> scaled = milestones.stream().map(m -> Math.max(1, m * newEpochs / epochs)).toList();
        return new Protocol(dataset, newEpochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule,
                scaled, augmentation, trainFraction, testFraction, mean, std, inputNoise);
    }

    /** The same protocol on another dataset. */
    public Protocol withDataset(String newDataset) {
        return new Protocol(newDataset, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule,
                milestones, augmentation, trainFraction, testFraction, mean, std, inputNoise);
    }

    /** The same protocol on fractions of the data. */
    public Protocol withFractions(double train, double test) {
        return new Protocol(dataset, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule,
                milestones, augmentation, train, test, mean, std, inputNoise);
    }

    /** The same protocol with Gaussian input noise of the given standard deviation (training and test). */
    public Protocol withInputNoise(double noise) {
        return new Protocol(dataset, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule,
                milestones, augmentation, trainFraction, testFraction, mean, std, noise);
    }
}
