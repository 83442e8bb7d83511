package io.github.mishdjl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.data.Augmentation;
import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact resume: a run stopped at every step boundary of its epoch-2 checkpoint (the failure injected there, not
 * timed), then rerun, ends with the same per-epoch history, bit for bit, as the same run done in one go. The
 * protocols exercise what a resume must restore: SGD momentum with weight decay and a step schedule, Adam's
 * moments and bias correction, dropout's random draws (the network has dropout 0.25 in every block).
 * Bitwise holds here because the PyTorch CPU engine is deterministic for a fixed thread count.
 */
class ResumeTest {

    private static final List<String> STEPS = List.of("written", "moved", "state-written", "state-moved");

    @AfterEach
    void noFaults() {
        TrainingRun.faultInjection = step -> { };
    }

    static Datasets.Splits data() {
        Random random = new Random(5);
        byte[][] images = new byte[96][28 * 28];
        int[] labels = new int[96];
        for (int i = 0; i < images.length; i++) {
            labels[i] = i % 10;
            random.nextBytes(images[i]);
        }
        ImageSet train = new ImageSet("noise", images, labels, 1, 28, 28, 10);
        return new Datasets.Splits(train, train.subset("noise/test", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}),
                "random bytes (tests)");
    }

    static List<Protocol> protocols() {
        return List.of(
                new Protocol("mnist", 3, 32, "sgd", 0.05, 0.9, 5e-4, "step", List.of(2), Augmentation.NONE, 1, 1, 0.5,
                        0.5),
                new Protocol("mnist", 3, 32, "adam", 1e-3, 0, 1e-4, "none", List.of(), Augmentation.NONE, 1, 1, 0.5,
                        0.5, 0, "glorot_uniform"));
    }

    static void assertSameHistory(List<EpochStats> expected, List<EpochStats> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            EpochStats e = expected.get(i);
            EpochStats a = actual.get(i);
            String at = what + ", epoch " + (i + 1);
            assertEquals(e.trainLoss(), a.trainLoss(), 0.0, at + " train loss");
            assertEquals(e.trainAccuracy(), a.trainAccuracy(), 0.0, at + " train accuracy");
            assertEquals(e.testLoss(), a.testLoss(), 0.0, at + " test loss");
            assertEquals(e.testAccuracy(), a.testAccuracy(), 0.0, at + " test accuracy");
            assertEquals(e.learningRate(), a.learningRate(), 0.0, at + " learning rate");
        }
    }

    @Test
    void interruptedAtEveryCheckpointStepResumesExactly(@TempDir Path dir) throws IOException {
        Datasets.Splits data = data();
        for (Protocol p : protocols()) {
            RunSpec spec = new RunSpec("deep-dense-2", "mish", 1, p);
            RunResult straight = TrainingRun.run(spec, data, dir.resolve("straight-" + p.optimizer()), Progress.NONE);
            assertEquals(List.of(), straight.resumedAfter());
            for (String step : STEPS) {
                Path checkpoints = dir.resolve(p.optimizer() + "-" + step);
                int[] seen = {0};
                TrainingRun.faultInjection = at -> {
                    if (at.equals(step) && ++seen[0] == 2) {
                        throw new IllegalStateException("killed at " + step);
                    }
                };
                // the first checkpoint (after epoch 1) goes through; the second is interrupted at `step`
                assertThrows(IllegalStateException.class, () -> TrainingRun.run(spec, data, checkpoints, Progress.NONE));
                TrainingRun.faultInjection = at -> { };
                String what = p.optimizer() + ", killed at " + step;
                int expectedEpoch = step.equals("state-moved") ? 2 : 1;
                // what `mish status` reports for the interrupted run: where the restart below resumes
                assertEquals(expectedEpoch, TrainingRun.checkpointedEpochs(checkpoints), what);
                RunResult resumed = TrainingRun.run(spec, data, checkpoints, Progress.NONE);
                assertSameHistory(straight.history(), resumed.history(), what);
                assertEquals(List.of(expectedEpoch), resumed.resumedAfter(), what);
                try (Stream<Path> left = Files.list(checkpoints)) {
                    List<String> names = left.map(f -> f.getFileName().toString()).sorted().toList();
                    assertEquals(2, names.size(), what + ": only the state file and its checkpoint remain: " + names);
                    assertTrue(names.contains("state.json"), names.toString());
                }
            }
        }
        // the learning rate recorded is the one the optimiser used: the step schedule's 0.005 after epoch 2
        RunResult sgd = TrainingRun.run(new RunSpec("deep-dense-2", "mish", 1, protocols().get(0)), data, null,
                Progress.NONE);
        assertEquals(0.05f, (float) sgd.history().get(0).learningRate());
        assertEquals(0.005f, (float) sgd.history().get(2).learningRate());
    }
}
