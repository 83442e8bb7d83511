package io.github.mishdjl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.bench.FixedBatchStep;
import io.github.mishdjl.bench.PeakMemory;
import io.github.mishdjl.data.Augmentation;
import io.github.mishdjl.experiment.Experiment;
import io.github.mishdjl.experiment.ResultsStore;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory preflight: its extrapolation against a step measured at the full batch, and its refusals. */
class StepMemoryTest {

    private static Protocol sgd(String dataset, int batch) {
        return new Protocol(dataset, 1, batch, "sgd", 0.1, 0.9, 5e-4, "none", List.of(), Augmentation.NONE, 1, 1, 0.5,
                0.5);
    }

    @Test
    void largestBatchIsTheLastThatFits() {
        StepMemory.Estimate e = new StepMemory.Estimate("net", "mish", 128, 100, 50, 10);
        assertEquals(100 + 50 + 1280, e.bytes());
        assertEquals(85, e.largestBatch(1000));
        assertTrue(e.bytesAt(85) <= 1000 && e.bytesAt(86) > 1000);
        assertEquals(0, e.largestBatch(150));
    }

    /**
     * The estimate at batch 96, extrapolated from steps at 4 and 16, against one step of that network actually taken
     * at batch 96 and measured on its own (the same peak-memory reading, a separate trainer). Linear extrapolation
     * holds if activations dominate; within 20% is what a go/no-go check needs. Measured in a fresh JVM, as the command
     * line measures: one that has trained already reads high (see {@link StepMemory}).
     */
    @Test
    void extrapolationMatchesAStepMeasuredAtTheFullBatch(@TempDir Path dir) throws Exception {
        assumeTrue(StepMemory.supported(), "needs Linux's /proc (peak memory)");
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), StepMemoryTest.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(child.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), "measured in time");
        } finally {
            child.destroyForcibly(); // no stray JVM on a timeout
        }
        String out = Files.readString(log);
        assertEquals(0, child.exitValue(), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("predicted (\\d+) measured (\\d+) fixed (\\d+) "
                + "perImage (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        long predicted = Long.parseLong(m.group(1));
        long measured = Long.parseLong(m.group(2));
        double ratio = (double) predicted / measured;
        assertTrue(ratio > 0.8 && ratio < 1.2, "extrapolated " + predicted + " bytes against " + measured
                + " measured at batch 96: " + out);
        assertTrue(Long.parseLong(m.group(4)) > 0, out);
        // ResNet-20's fixed memory is at least its 269,722 parameters, their gradients and SGD's momentum (float32)
        assertTrue(Long.parseLong(m.group(3)) >= 3L * 269_722 * 4, out);
    }

    /** The fresh JVM of {@link #extrapolationMatchesAStepMeasuredAtTheFullBatch}: estimate, then measure. */
    public static void main(String[] args) {
        Protocol protocol = sgd("cifar10", 96);
        StepMemory.Estimate estimate = StepMemory.estimate("resnet20", "mish", protocol);
        long measured = measuredStep("resnet20", "mish", protocol);
        System.out.println("predicted " + (estimate.bytes() - estimate.fixedBytes()) + " measured " + measured
                + " fixed " + estimate.fixedBytes() + " perImage " + estimate.perImageBytes() + " (" + estimate + ")");
    }

    @Test
    void refusesWhatDoesNotFitAndSaysWhatWould() {
        assumeTrue(StepMemory.supported(), "needs Linux's /proc (peak memory)");
        List<RunSpec> runs = List.of(new RunSpec("five-layer-cnn", "relu", 0, sgd("mnist", 128)),
                new RunSpec("five-layer-cnn", "relu", 1, sgd("mnist", 128)));
        List<String> log = new ArrayList<>();
        StepMemory.require(runs, Long.MAX_VALUE, log::add);
        assertEquals(2, log.size(), log::toString);
        assertTrue(log.get(0).startsWith("memory: measuring a training step of 1 network "), log::toString); // 2 seeds
        assertTrue(log.get(1).startsWith("memory: the largest need, five-layer-cnn with relu at batch 128"), log::toString);
        StepMemory.Estimate e = StepMemory.measured(runs.get(0)).orElseThrow();
        assertTrue(e.perImageBytes() > 0, e::toString);

        // measured once per process: less memory now, the same estimate, refused without measuring again
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> StepMemory.require(runs, (long) Math.ceil(e.bytesAt(40) / StepMemory.HEADROOM) + 1, log::add));
        assertEquals(2, log.size(), log::toString);
        String message = refused.getMessage();
        assertTrue(message.startsWith("Training would not fit in memory: five-layer-cnn with relu at batch 128: about ")
                && message.contains(", at most batch 40 fits (90% of the "), message);
        assertTrue(message.contains("--batch-size") && message.contains("MISH_MEMORY_CHECK=off"), message);
        StepMemory.require(runs, e.bytesAt(1000), log::add);
        assertEquals(2, log.size(), "nothing new to say: " + log);
        // a network this process cannot build is not measured, and not refused: the check must not stop training
        StepMemory.require(List.of(new RunSpec("no-such-network", "relu", 0, sgd("mnist", 128))), 1, log::add);
        assertEquals(4, log.size(), log::toString); // "measuring", then:
        assertEquals("memory: not checked (no-such-network with relu: Unknown architecture 'no-such-network')",
                log.get(3));
        assertTrue(assertThrows(IllegalStateException.class, () -> StepMemory.require(runs, e.fixedBytes() / 2, log::add))
                .getMessage().contains(", and no batch size fits ("));
    }

    /** A grid that cannot fit is refused before any run starts: nothing trained, nothing stored, no data loaded. */
    @Test
    void experimentRefusesBeforeAnyWork(@TempDir Path dir) throws Exception {
        assumeTrue(StepMemory.supported() && StepMemory.available().isPresent(), "needs Linux's /proc");
        // 2^26 images of 28 x 28 in one batch: about 200 GiB for the input alone
        List<RunSpec> runs = List.of(new RunSpec("five-layer-cnn", "relu", 0, sgd("mnist", 1 << 26)));
        ResultsStore store = new ResultsStore(dir);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Experiment.runOn(runs, store,
                name -> {
                    throw new AssertionError("no data is loaded for a grid refused on memory");
                }, Progress.NONE, line -> {}));
        assertTrue(refused.getMessage().startsWith("Training would not fit in memory: five-layer-cnn with relu at "
                + "batch 67108864"), refused.getMessage());
        assertTrue(store.all().isEmpty());
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().contains("checkpoint")), "no checkpoint written");
        }
    }

    /** One SGD step's peak at the protocol's full batch, after a warm-up step, in a trainer of its own. */
    private static long measuredStep(String name, String activation, Protocol protocol) {
        Architecture arch = Zoo.get(name);
        int batch = protocol.batchSize();
        assertTrue(PeakMemory.mapAllocationsFrom(64 << 10));
        try (Model model = Model.newInstance("measured"); NDManager data = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            model.setBlock(arch.build(Activations.get(activation)));
            ResumableOptimizer optimizer = ResumableOptimizer.of(protocol, Schedules.of(protocol, 10));
            try (Trainer trainer = model.newTrainer(TrainingRun.config(protocol, arch.newLoss(), optimizer,
                    Engine.getInstance().getDevices()))) {
                trainer.initialize(new Shape(batch).addAll(arch.getInputShape()));
                optimizer.bind(model.getBlock());
                NDArray x = data.randomNormal(new Shape(batch).addAll(arch.getInputShape()));
                NDArray y = data.randomInteger(0, arch.getClasses(), new Shape(batch), DataType.INT32);
                FixedBatchStep.take(trainer, x, y);
                long before = PeakMemory.reset();
                FixedBatchStep.take(trainer, x, y);
                return PeakMemory.peak() - before;
            }
        } finally {
            PeakMemory.restoreAllocator();
        }
    }
}
