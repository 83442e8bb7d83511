package io.github.mishdjl.experiment;

import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.zoo.Source;
import io.github.mishdjl.zoo.Zoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullMarked;

/**
 * The training protocols that the Mish paper and its official code record, and how a protocol that ran differs
 * from them. Reports and presets use it to say, from the protocol itself, which parts are recorded and which are
 * our choice (a reduced budget is named as reduced), so the text can never drift from what ran.
 */
@NullMarked
public final class RecordedProtocols {

    /**
     * One recorded protocol.
     *
     * @param name what it is, e.g. "the official PyTorch notebooks (Table 2)"
     * @param source where it is recorded
     * @param protocol its values
     * @param recordedFields which fields the source records (the rest of {@code protocol} is our reading)
     * @param notes what the source does that a {@link Protocol} cannot say, or our deviation from it
     */
    public record Recorded(String name, String source, Protocol protocol, List<String> recordedFields, String notes) {}

    private static final List<String> ALL = List.of("dataset", "epochs", "batch size", "optimiser", "learning rate",
            "momentum", "weight decay", "schedule", "augmentation", "data", "normalisation", "initialisation");

    /** Table 2's PyTorch notebooks (DenseNet-121, MobileNet-v2, ShuffleNet-v1, Inception-v3, EfficientNet-B0). */
    public static final Recorded NOTEBOOKS = new Recorded("the official PyTorch notebooks (Table 2)",
            "digantamisra98/Mish, Notebooks/cifar-10-*-mish.ipynb", Protocol.pytorchNotebooks("cifar10", 100), ALL,
            "the number reported is the final epoch's test accuracy, no validation split");
    /** Table 1: SqueezeNet, 23 runs per activation. */
    public static final Recorded TABLE_1 = new Recorded("the paper's Table 1 (SqueezeNet)",
            "the paper, Table 1 (50 epochs, Adam 1e-3, batch 128); the rest from the SqueezeNet notebook",
            Protocol.pytorchNotebooks("cifar10", 50), List.of("dataset", "epochs", "batch size", "optimiser",
                    "learning rate"),
            "augmentation, normalisation and initialisation are the SqueezeNet notebook's (our reading: Table 1 "
                    + "does not restate them)");
    /** The 2020 ResNet-20/32/44/56 experiments. */
    public static final Recorded RESNET = new Recorded("the official 2020 ResNet experiments",
            "digantamisra98/Mish, exps/train_cifar.py and exps/resnet.py", Protocol.resnetSgd("cifar10", 200), ALL,
            "our deviations: the official code normalises with ImageNet's per-channel mean and std, 0.5 / 0.5 here, "
                    + "and logs the best epoch's test accuracy, the final epoch's here");
    /** Fig. 5a: accuracy against depth on MNIST. */
    public static final Recorded FIG_5A = new Recorded("the official Fig. 5a notebook", "digantamisra98/Mish, "
            + "Layers_Acc.ipynb", Protocol.depthFigure(10), ALL, "evaluated on the 10,000 test images after the last "
            + "epoch");
    /** The Keras-era Table 2 networks: only "50 epochs, batch 128" is recorded (for WRN-10-2 and SimpleNet). */
    public static final Recorded KERAS_ERA = new Recorded("Table 2's Keras-era networks (no official code)",
            "the repository's README: 50 epochs, batch 128 (WRN-10-2, SimpleNet)", Protocol.pytorchNotebooks("cifar10",
                    50), List.of("dataset", "epochs", "batch size"),
            "everything but dataset, epochs and batch size is our choice (the notebooks' optimiser and augmentation)");

    private static final Pattern OFFICIAL_RESNET = Pattern.compile("resnet\\d+");
    private static final List<String> NOTEBOOK_NETS = List.of("densenet121", "mobilenet-v2", "shufflenet-v1",
            "inception-v3", "efficientnet-b0", "densenet121-notebook", "efficientnet-b0-notebook");
    private static final List<String> KERAS_NETS = List.of("resnet20-v2", "wrn-10-2", "simplenet", "xception",
            "capsnet", "inception-resnet-v2");

    private RecordedProtocols() {}

    /**
     * The recorded protocols that can apply to an architecture, the likeliest first.
     *
     * @param architecture a zoo name
     * @return empty when nothing is recorded for it (the whole protocol is then our choice)
     */
    public static List<Recorded> candidates(String architecture) {
        String arch = architecture.toLowerCase(Locale.ROOT);
        if (arch.equals("squeezenet")) {
            return List.of(TABLE_1, NOTEBOOKS);
        }
        if (NOTEBOOK_NETS.contains(arch)) {
            return List.of(NOTEBOOKS);
        }
        if (OFFICIAL_RESNET.matcher(arch).matches()) {
            return List.of(RESNET);
        }
        if (arch.startsWith("deep-dense-")) {
            return List.of(FIG_5A);
        }
        if (KERAS_NETS.contains(arch)) {
            return List.of(KERAS_ERA);
        }
        return List.of();
    }

    /** The recorded protocol closest to {@code p} among those that apply to the architecture. */
    public static Optional<Recorded> closest(String architecture, Protocol p) {
        Recorded best = null;
        int fewest = Integer.MAX_VALUE;
        for (Recorded r : candidates(architecture)) {
            int n = differences(r, p).size();
            if (n < fewest) {
                best = r;
                fewest = n;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * One sentence for reports: what the protocol follows and where it departs from the record, e.g. "the official
     * PyTorch notebooks (Table 2) except: 3 epochs instead of 100 (reduced budget); 20% of the training set
     * (reduced)".
     */
    public static String describe(String architecture, Protocol p) {
        Optional<Recorded> recorded = closest(architecture, p);
        if (recorded.isEmpty()) {
            return userNetwork(architecture) ? architecture + " is not one of the paper's networks, so the whole "
                    + "protocol is this run's choice" : "no protocol is recorded for " + architecture
                    + ": all of it is our choice";
        }
        Recorded r = recorded.get();
        List<String> differences = differences(r, p);
        String base = differences.isEmpty() ? "as recorded in " + r.name()
                : r.name() + ", except: " + String.join("; ", differences);
        List<String> unrecorded = new ArrayList<>(ALL);
        unrecorded.removeAll(r.recordedFields());
        return base + (unrecorded.isEmpty() ? "" : "; not recorded, so our choice: " + String.join(", ", unrecorded))
                + (r.notes().isEmpty() ? "" : " (" + r.notes() + ")");
    }

    private static boolean userNetwork(String architecture) {
        try {
            return Zoo.get(architecture).getSource() == Source.USER;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Each way {@code p} departs from the recorded protocol, in words. */
    public static List<String> differences(Recorded recorded, Protocol p) {
        Protocol r = recorded.protocol();
        List<String> out = new ArrayList<>();
        if (!p.dataset().equals(r.dataset())) {
            out.add(p.dataset() + " instead of " + r.dataset());
        }
        if (p.epochs() != r.epochs()) {
            out.add(p.epochs() + (p.epochs() == 1 ? " epoch" : " epochs") + " instead of " + r.epochs() + (p.epochs() < r.epochs() ? " (reduced budget)"
                    : ""));
        }
        if (p.batchSize() != r.batchSize()) {
            out.add("batch " + p.batchSize() + " instead of " + r.batchSize());
        }
        if (!p.optimizer().equals(r.optimizer()) || p.learningRate() != r.learningRate()
                || p.optimizer().equals("sgd") && p.momentum() != r.momentum()) {
            out.add(optimiser(p) + " instead of " + optimiser(r));
        }
        if (p.weightDecay() != r.weightDecay()) {
            out.add("weight decay " + fmt(p.weightDecay()) + " instead of " + fmt(r.weightDecay()));
        }
        if (!p.schedule().equals(r.schedule()) || p.schedule().equals("step") && !p.milestones().equals(
                r.milestones())) {
            out.add(schedule(p) + " instead of " + schedule(r));
        }
        if (!p.augmentation().equals(r.augmentation())) {
            out.add("augmentation " + p.augmentation().describe() + " instead of " + r.augmentation().describe());
        }
        if (p.trainFraction() < 1) {
            out.add(percent(p.trainFraction()) + " of the training set (reduced)");
        }
        if (p.testFraction() < 1) {
            out.add("tested on " + percent(p.testFraction()) + " of the test set");
        }
        if (p.mean() != r.mean() || p.std() != r.std()) {
            out.add("normalised with " + fmt(p.mean()) + " / " + fmt(p.std()) + " instead of " + fmt(r.mean()) + " / "
                    + fmt(r.std()));
        }
        if (p.inputNoise() != r.inputNoise()) {
            out.add("input noise " + fmt(p.inputNoise()));
        }
        if (!p.initializer().equals(r.initializer())) {
            out.add(p.initializer() + " initialisation instead of " + r.initializer());
        }
        return out;
    }

    private static String optimiser(Protocol p) {
        return p.optimizer().equals("sgd") ? "SGD " + fmt(p.learningRate()) + (p.momentum() > 0 ? " momentum "
                + fmt(p.momentum()) : " without momentum") : "Adam " + fmt(p.learningRate());
    }

    private static String schedule(Protocol p) {
        return p.schedule().equals("step") ? "x0.1 at epochs " + p.milestones() : p.schedule().equals("none")
                ? "no schedule" : p.schedule() + " schedule";
    }

    private static String percent(double fraction) {
        return fmt(100 * fraction) + "%";
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.4g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
