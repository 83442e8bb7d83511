package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.Progress;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights lost with a fresh checkout come back by retraining, and only when the retrained run reproduces its record
 * bit for bit: a record that differs (here, tampered with) keeps its weights out.
 */
class RetrainingTest {

    @Test
    void aRetrainedRunReproducesItsRecordAndGetsItsWeightsBack(@TempDir Path dir) throws Exception {
        ResultsStore store = new ResultsStore(dir);
        Datasets.Splits data = ExperimentTest.splits(600, 200);
        RunSpec spec = new RunSpec("five-layer-cnn", "mish", 3, ExperimentTest.protocol(2));
        Experiment.runOn(List.of(spec), store, name -> data, Progress.NONE, line -> { });
        RunResult recorded = store.all().get(0);
        assertFalse(Files.exists(store.weights(spec.id())), "weights are not kept by default");

        Retraining.Outcome outcome = Retraining.recoverWeights(store, recorded, data, Progress.NONE);
        assertTrue(outcome.reproduced(), outcome.detail());
        assertEquals(2, outcome.epochs());
        assertEquals(0, outcome.largestDifference());
        try (var files = Files.list(store.weights(spec.id()))) {
            assertTrue(files.findAny().isPresent(), "the weights are in place");
        }
        assertFalse(Files.exists(store.scratch(spec.id())), "the scratch folder is gone");
        assertEquals(1, store.all().size(), "the record is untouched: retraining stores no run");

        // a record the retraining cannot reproduce: its weights would belong to another network
        List<EpochStats> history = new ArrayList<>(recorded.history());
        EpochStats first = history.get(0);
        history.set(0, new EpochStats(first.epoch(), first.trainLoss(), first.trainAccuracy(), first.testLoss(),
                first.testAccuracy() + 0.01, first.testTop5(), first.learningRate(), first.seconds()));
        RunResult tampered = new RunResult(recorded.id(), recorded.spec(), recorded.status(), history,
                recorded.parameters(), recorded.dataSource(), recorded.environment(), recorded.wallSeconds(),
                recorded.note(), recorded.resumedAfter());
        io.github.mishdjl.files.FileTrees.delete(store.weights(spec.id()));
        Retraining.Outcome differs = Retraining.recoverWeights(store, tampered, data, Progress.NONE);
        assertFalse(differs.reproduced());
        assertTrue(differs.detail().contains("epoch 1, test accuracy"), differs.detail());
        assertEquals(0.01, differs.largestDifference(), 1e-9);
        assertFalse(Files.exists(store.weights(spec.id())), "no weights for a run that did not reproduce");
        assertFalse(Files.exists(store.scratch(spec.id())));
    }

    @Test
    void onlyAFinishedRunHasWeightsToRecover(@TempDir Path dir) {
        RunSpec spec = new RunSpec("five-layer-cnn", "mish", 0, ExperimentTest.protocol(1));
        RunResult diverged = new RunResult(spec.id(), spec, "diverged", List.of(), 1, "test", java.util.Map.of(), 1,
                "NaN loss", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Retraining.recoverWeights(
                new ResultsStore(dir), diverged, ExperimentTest.splits(10, 10), Progress.NONE));
        assertTrue(e.getMessage().contains("only a finished run"), e.getMessage());
    }
}
