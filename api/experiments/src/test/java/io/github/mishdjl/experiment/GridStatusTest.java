package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `mish status` reads from a results folder: runs stored and to go, checkpoints, and the time left. */
class GridStatusTest {

    static final Protocol FOUR_EPOCHS = RecordedProtocols.NOTEBOOKS.protocol().withEpochs(4);

    static RunResult finished(String arch, String activation, int seed, double... seconds) {
        RunSpec spec = new RunSpec(arch, activation, seed, FOUR_EPOCHS);
        List<EpochStats> history = new ArrayList<>();
        for (int e = 0; e < seconds.length; e++) {
            history.add(new EpochStats(e + 1, 1, 0.5, 1, 0.5, 0.9, 1e-3, seconds[e]));
        }
        return new RunResult(spec.id(), spec, "finished", history, 1, "test", Map.of(), 0, null, List.of());
    }

    /** ResNet-20 first, then WRN-10-2: the grid's order (Map.of's would vary from one JVM to the next). */
    static Map<String, Protocol> networks() {
        Map<String, Protocol> networks = new java.util.LinkedHashMap<>();
        networks.put("resnet20", FOUR_EPOCHS);
        networks.put("wrn-10-2", FOUR_EPOCHS);
        return networks;
    }

    @Test
    void countsStoredRunsCheckpointsAndTheTimeLeft(@TempDir Path dir) throws Exception {
        ResultsStore store = new ResultsStore(dir);
        store.recordGrid(new Grid("g", networks(),
                List.of("mish", "relu"), 2));
        store.add(finished("resnet20", "mish", 0, 10, 12, 100, 11)); // one epoch paused: the median ignores it
        store.add(finished("resnet20", "relu", 0, 5, 6, 5, 6));
        // mish seed 1 was stopped after its first epoch: a checkpoint as TrainingRun writes it
        RunSpec interrupted = new RunSpec("resnet20", "mish", 1, FOUR_EPOCHS);
        Path checkpoints = store.checkpoints(interrupted.id());
        Files.createDirectories(checkpoints.resolve("epoch-1"));
        Files.writeString(checkpoints.resolve("state.json"), new com.google.gson.Gson().toJson(Map.of(
                "epochsDone", 1, "checkpoint", "epoch-1", "history", List.of(new EpochStats(1, 1, 0.5, 1, 0.5, 0.9,
                        1e-3, 11)), "wallSeconds", 11.0)));

        GridStatus wrnToGo = GridStatus.of(store);
        assertEquals(2, wrnToGo.finished().size());
        assertEquals(6, wrnToGo.toGo().size());
        assertEquals(1, wrnToGo.toGo().get(0).checkpointed(), "resnet20 mish seed 1 resumes after epoch 1");
        assertEquals(3, wrnToGo.toGo().get(0).epochsLeft());
        // WRN-10-2 has no finished epoch: its time cannot be estimated, and the status says so
        assertTrue(Double.isNaN(wrnToGo.secondsLeft()));
        assertTrue(wrnToGo.lines().contains("  time left: unknown (no finished epoch of some network yet)"),
                wrnToGo.lines().toString());

        // with every WRN-10-2 run stored, the rest is resnet20: mish seed 1 (3 epochs at the median 11.5 s) and relu
        // seed 1 (4 at 5.5 s)
        for (String a : List.of("mish", "relu")) {
            for (int seed = 0; seed < 2; seed++) {
                store.add(finished("wrn-10-2", a, seed, 50, 50, 50, 50));
            }
        }
        GridStatus status = GridStatus.of(store);
        assertEquals(3 * 11.5 + 4 * 5.5, status.secondsLeft(), 1e-9);
        assertEquals(List.of("g", "  6 of 8 runs stored, 2 to go",
                "  to go, resnet20: mish seed 1 (1 of 4 epochs checkpointed), relu seed 1",
                "  time left: about 1 run-minute of training, at the median epoch time so far (runs trained side by "
                        + "side overlap, so the wall time is shorter)"), status.lines());
        // a run another process (here: this one) is training says so
        String relu1 = status.toGo().get(1).spec().id();
        try (RunClaim claim = store.tryClaim(relu1)) {
            assertTrue(claim != null);
            assertEquals("  to go, resnet20: mish seed 1 (1 of 4 epochs checkpointed), relu seed 1 (training now: this "
                    + "process (pid " + ProcessHandle.current().pid() + "))", GridStatus.of(store).lines().get(2));
        }
        assertEquals(status.lines(), GridStatus.of(store).lines(), "released: no longer said");
        assertEquals("12 run-minutes", GridStatus.duration(720));
        assertEquals("3.4 run-hours", GridStatus.duration(3.4 * 3600));

        // an activation without a finished epoch goes by its network's
        store.recordGrid(new Grid("g", networks(),
                List.of("mish", "relu", "swish"), 2));
        GridStatus withSwish = GridStatus.of(store);
        double network = new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(
                new double[] {10, 12, 100, 11, 5, 6, 5, 6});
        assertEquals(3 * 11.5 + 4 * 5.5 + 2 * 4 * network + 2 * 4 * 50, withSwish.secondsLeft(), 1e-9);
    }

    @Test
    void aFolderWithoutAGridIsNamed(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GridStatus.of(new ResultsStore(dir.resolve("nowhere"))));
        assertEquals(dir.resolve("nowhere") + " holds no grid (grid.json): give a results folder of `mish compare` "
                + "(it does not exist)", e.getMessage());
    }

    @Test
    void aCompleteGridSaysSo(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir);
        store.recordGrid(new Grid("done", Map.of("resnet20", FOUR_EPOCHS), List.of("mish"), 1));
        store.add(finished("resnet20", "mish", 0, 1, 1, 1, 1));
        GridStatus status = GridStatus.of(store);
        assertTrue(status.isComplete());
        assertEquals(List.of("done", "  1 of 1 runs stored: complete"), status.lines());
    }
}
