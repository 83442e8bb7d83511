package io.github.mishdjl.train;

import io.github.mishdjl.data.Augmentation;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

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
 * @param initializer how weights (of convolutions and dense layers) start, by {@link
 *     io.github.mishdjl.nn.Initializers} name: {@code he_normal} (DJL's default, and the Kaiming-normal init of the
 *     official ResNet code), {@code pytorch_default} (PyTorch's default for the official notebooks' layers),
 *     {@code glorot_uniform} (Keras' default, Fig. 5a), ...; biases start at zero and batch norm at (1, 0)
 */
@NullMarked
public record Protocol(String dataset, int epochs, int batchSize, String optimizer, double learningRate,
        double momentum, double weightDecay, String schedule, List<Integer> milestones, Augmentation augmentation,
        double trainFraction, double testFraction, double mean, double std, double inputNoise, String initializer) {

    /** DJL's default weight initialiser: He (Kaiming) normal, N(0, 2 / fan_in). */
    public static final String DEFAULT_INITIALIZER = "he_normal";

    /** A protocol with DJL's default initialiser. */
    public Protocol(String dataset, int epochs, int batchSize, String optimizer, double learningRate, double momentum,
            double weightDecay, String schedule, List<Integer> milestones, Augmentation augmentation,
            double trainFraction, double testFraction, double mean, double std, double inputNoise) {
        this(dataset, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, milestones,
                augmentation, trainFraction, testFraction, mean, std, inputNoise, DEFAULT_INITIALIZER);
    }

    /** A protocol without input noise. */
    public Protocol(String dataset, int epochs, int batchSize, String optimizer, double learningRate, double momentum,
            double weightDecay, String schedule, List<Integer> milestones, Augmentation augmentation,
            double trainFraction, double testFraction, double mean, double std) {
        this(dataset, epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, milestones,
                augmentation, trainFraction, testFraction, mean, std, 0);
    }

    public Protocol {
        // Runs stored before a field existed are read with that field missing (null or 0): give it its default.
        if (initializer == null) {
            initializer = DEFAULT_INITIALIZER;
        }
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
            throw new IllegalArgumentException("learning rate and normalisation std must be > 0, got " + learningRate
                    + ", " + std);
        }
        if (!(trainFraction > 0 && trainFraction <= 1) || !(testFraction > 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("data fractions must be in (0, 1], got train " + trainFraction
                    + ", test " + testFraction);
        }
        if (!(inputNoise >= 0)) {
            throw new IllegalArgumentException("input noise must be >= 0, got " + inputNoise);
        }
        initializer = initializer.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        io.github.mishdjl.nn.Initializers.get(initializer); // validates the name now, not when a run starts
    }

    /** The optimisers a protocol can name (the record keeps the lower-case name, part of every run's key). */
    public enum Optimizer {
        /** SGD with momentum and L2 weight decay, as {@code torch.optim.SGD}. */
        SGD,
        /** Adam, as {@code torch.optim.Adam} (L2 weight decay added to the gradient). */
        ADAM;

        /** The name the record and run keys use: {@code sgd}, {@code adam}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The learning-rate schedules a protocol can name. */
    public enum Schedule {
        /** A constant rate. */
        NONE,
        /** x0.1 at each milestone epoch (PyTorch's MultiStepLR). */
        STEP,
        /** Cosine annealing to zero over the run. */
        COSINE,
        /** One cycle: warm-up to the rate, then annealing (for short budgets). */
        ONECYCLE;

        /** The name the record and run keys use. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The optimiser, typed. */
    public Optimizer optimizerKind() {
        return Optimizer.valueOf(optimizer.toUpperCase(Locale.ROOT));
    }

    /** The schedule, typed. */
    public Schedule scheduleKind() {
        return Schedule.valueOf(schedule.toUpperCase(Locale.ROOT));
    }

    /**
     * A builder in DJL's style: {@code Protocol.builder().setDataset("cifar10").optEpochs(10).build()}. Defaults are
     * the official notebooks' (Adam 1e-3, batch 128, no schedule, no augmentation, 0.5 / 0.5, the whole data, DJL's
     * He-normal initialisation); a protocol built here equals, and has the same run keys as, the same protocol
     * made any other way.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this protocol's values. */
    public Builder toBuilder() {
        return new Builder().setDataset(dataset).optEpochs(epochs).optBatchSize(batchSize)
                .optOptimizer(optimizerKind()).optLearningRate(learningRate).optMomentum(momentum)
                .optWeightDecay(weightDecay).optSchedule(scheduleKind(), milestones).optAugmentation(augmentation)
                .optFractions(trainFraction, testFraction).optNormalization(mean, std).optInputNoise(inputNoise)
                .optInitializer(initializer);
    }

    /** Builds a {@link Protocol}; {@link #setDataset} is required, every {@code opt} has a default. */
    public static final class Builder {
        private @Nullable String dataset;
        private int epochs = 1;
        private int batchSize = 128;
        private Optimizer optimizer = Optimizer.ADAM;
        private double learningRate = 1e-3;
        private double momentum;
        private double weightDecay;
        private Schedule schedule = Schedule.NONE;
        private List<Integer> milestones = List.of();
        private Augmentation augmentation = Augmentation.NONE;
        private double trainFraction = 1;
        private double testFraction = 1;
        private double mean = 0.5;
        private double std = 0.5;
        private double inputNoise;
        private String initializer = DEFAULT_INITIALIZER;

        private Builder() {}

        /** The dataset: cifar10, mnist or fashion-mnist. */
        public Builder setDataset(String name) {
            this.dataset = name;
            return this;
        }

        public Builder optEpochs(int value) {
            this.epochs = value;
            return this;
        }

        public Builder optBatchSize(int value) {
            this.batchSize = value;
            return this;
        }

        public Builder optOptimizer(Optimizer value) {
            this.optimizer = value;
            return this;
        }

        public Builder optLearningRate(double value) {
            this.learningRate = value;
            return this;
        }

        public Builder optMomentum(double value) {
            this.momentum = value;
            return this;
        }

        public Builder optWeightDecay(double value) {
            this.weightDecay = value;
            return this;
        }

        /** The schedule; for {@link Schedule#STEP} the epochs after which the rate is multiplied by 0.1. */
        public Builder optSchedule(Schedule value, List<Integer> stepMilestones) {
            this.schedule = value;
            this.milestones = List.copyOf(stepMilestones);
            return this;
        }

        public Builder optSchedule(Schedule value) {
            return optSchedule(value, List.of());
        }

        public Builder optAugmentation(Augmentation value) {
            this.augmentation = value;
            return this;
        }

        /** Class-stratified fractions of the training and test sets, each in (0, 1]. */
        public Builder optFractions(double train, double test) {
            this.trainFraction = train;
            this.testFraction = test;
            return this;
        }

        /** Pixels in [0, 1] become (x - mean) / std. */
        public Builder optNormalization(double pixelMean, double pixelStd) {
            this.mean = pixelMean;
            this.std = pixelStd;
            return this;
        }

        /**
         * Standard deviation of Gaussian noise added to every normalised input (the paper's Fig. 5b), training and test
         * alike: in units of the normalised input, so pixel units only when {@link #optNormalization} keeps pixels
         * as they are (mean 0, std 1, as {@code fig5b-cpu} does).
         */
        public Builder optInputNoise(double value) {
            this.inputNoise = value;
            return this;
        }

        /** A weight initialiser by name (see {@code Initializers}): he_normal, pytorch_default, glorot_uniform, .. */
        public Builder optInitializer(String name) {
            this.initializer = name;
            return this;
        }

        /**
         * The protocol.
         *
         * @throws IllegalArgumentException naming what is missing or out of range
         */
        public Protocol build() {
            if (dataset == null) {
                throw new IllegalArgumentException("a protocol needs a dataset: setDataset(\"cifar10\"), \"mnist\" or "
                        + "\"fashion-mnist\"");
            }
            return new Protocol(dataset, epochs, batchSize, optimizer.id(), learningRate, momentum, weightDecay,
                    schedule.id(), milestones, augmentation, trainFraction, testFraction, mean, std, inputNoise,
                    initializer);
        }
    }

    /**
     * The official PyTorch notebooks' protocol (Table 2's DenseNet, MobileNet-v2, ShuffleNet, Inception-v3,
     * EfficientNet, and SqueezeNet): Adam 1e-3, no schedule, no weight decay, batch 128, flip 0.4 + rotation 30,
     * normalise 0.5 / 0.5, PyTorch's default initialisation, the whole training and test sets.
     */
    public static Protocol pytorchNotebooks(String dataset, int epochs) {
        return new Protocol(dataset, epochs, 128, "adam", 1e-3, 0, 0, "none", List.of(), Augmentation.FLIP_ROTATE,
                1, 1, 0.5, 0.5, 0, "pytorch_default");
    }

    /**
     * The official 2020 ResNet protocol (exps/train_cifar.py): SGD 0.1, momentum 0.9, weight decay 5e-4, x0.1 at
     * half and three quarters of the epochs (100 and 150 of 200), random crop (pad 4) + flip, Kaiming-normal init.
     * Normalisation is 0.5 / 0.5 here; the official code uses ImageNet's per-channel mean and std (our deviation).
     */
    public static Protocol resnetSgd(String dataset, int epochs) {
        return new Protocol(dataset, epochs, 128, "sgd", 0.1, 0.9, 5e-4, "step",
                List.of(epochs / 2, epochs * 3 / 4), Augmentation.CROP_FLIP, 1, 1, 0.5, 0.5, 0, "he_normal");
    }

    /**
     * Fig. 5a as the official Layers_Acc.ipynb ran it: MNIST scaled to [0, 1] (no mean subtraction), plain SGD
     * 0.01 without momentum, batch 128, no augmentation, Keras' default Glorot-uniform initialisation.
     */
    public static Protocol depthFigure(int epochs) {
        return new Protocol("mnist", epochs, 128, "sgd", 0.01, 0, 0, "none", List.of(), Augmentation.NONE, 1, 1, 0, 1,
                0, "glorot_uniform");
    }

    /** The same protocol with another epoch budget (milestones scaled alike). */
    public Protocol withEpochs(int newEpochs) {
        List<Integer> scaled = milestones.stream().map(m -> Math.max(1, m * newEpochs / epochs)).toList();
        return toBuilder().optEpochs(newEpochs).optSchedule(scheduleKind(), scaled).build();
    }

    /**
     * The same protocol at another batch size (another protocol: its runs are other runs). The learning rate is
     * kept as it is; scaling it with the batch is the caller's choice.
     */
    public Protocol withBatchSize(int newBatchSize) {
        return toBuilder().optBatchSize(newBatchSize).build();
    }

    /** The same protocol on another dataset. */
    public Protocol withDataset(String newDataset) {
        return toBuilder().setDataset(newDataset).build();
    }

    /** The same protocol on fractions of the data. */
    public Protocol withFractions(double train, double test) {
        return toBuilder().optFractions(train, test).build();
    }

    /** The same protocol with Gaussian input noise of the given standard deviation (training and test). */
    public Protocol withInputNoise(double noise) {
        return toBuilder().optInputNoise(noise).build();
    }

    /** The same protocol with another weight initialiser (an {@link io.github.mishdjl.nn.Initializers} name). */
    public Protocol withInitializer(String name) {
        return toBuilder().optInitializer(name).build();
    }
}
