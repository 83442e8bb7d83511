package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.data.MnistIdx;
import io.github.mishdjl.train.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line killed with kill -9 mid-grid and run again: nothing finished is lost, the rest resumes. */
class KillNineTest {

    /**
     * A grid killed with SIGKILL mid-run and restarted skips the finished run, resumes the interrupted one from
     * its checkpoint, and ends with complete results: a real subprocess, a real kill -9.
     */
    @Test
    void killNineThenRestartLosesNothing(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        MnistIdx.write(ExperimentTest.bars(3000, 1), data.resolve("train-images-idx3-ubyte"), data.resolve("train-labels-idx1-ubyte"));
        MnistIdx.write(ExperimentTest.bars(300, 2), data.resolve("t10k-images-idx3-ubyte"), data.resolve("t10k-labels-idx1-ubyte"));
        Path out = dir.resolve("out");
        List<String> args = List.of("compare", "--preset", "smoke", "--dataset", "mnist", "--arch", "five-layer-cnn",
                "--activations", "mish,relu", "--epochs", "4", "--data-dir", data.toString(), "--out", out.toString(),
                "--no-report");
        Process first = start(args, dir.resolve("first.log"));
        // wait until one run is stored and the other has a checkpoint, then kill -9
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        Path runs = out.resolve("runs");
        while (System.nanoTime() < deadline) {
            // a stored run file (a writer's temporary ".…part" file does not count)
            boolean oneDone = Files.isDirectory(runs) && stored(runs).size() == 1;
            // a checkpoint of the run still in progress (the finished one's is removed just after it is stored,
            // so its state file alone must not count)
            boolean checkpoint = false;
            if (Files.isDirectory(out.resolve("checkpoints"))) {
                try (var files = Files.walk(out.resolve("checkpoints"))) {
                    checkpoint = files.anyMatch(p -> p.getFileName().toString().equals("state.json")
                            && !Files.exists(runs.resolve(p.getParent().getFileName() + ".json")));
                }
            }
            if (oneDone && checkpoint) {
                break;
            }
            if (!first.isAlive()) {
                throw new AssertionError("the first run ended early: " + Files.readString(dir.resolve("first.log")));
            }
            Thread.sleep(200);
        }
        first.destroyForcibly().waitFor(); // SIGKILL
        List<Path> before = stored(runs);
        assertEquals(1, before.size(), Files.readString(dir.resolve("first.log")));
        String finishedBefore = Files.readString(before.get(0));
        Process second = start(args, dir.resolve("second.log"));
        assertTrue(second.waitFor(6, TimeUnit.MINUTES), "the restart finishes");
        String log = Files.readString(dir.resolve("second.log"));
        assertEquals(0, second.exitValue(), log);
        assertTrue(log.contains("finished before, skipped"), log);
        assertTrue(log.contains("resuming from the checkpoint after epoch"), log);
        assertEquals(finishedBefore, Files.readString(before.get(0)), "the finished run is untouched");
        List<RunResult> results = new ResultsStore(out).all();
        assertEquals(2, results.size());
        for (RunResult r : results) {
            assertEquals(4, r.history().size(), r.id());
            for (int e = 0; e < 4; e++) {
                assertEquals(e + 1, r.history().get(e).epoch());
            }
        }
        assertFalse(Files.exists(out.resolve("checkpoints")) && !stored(out.resolve("checkpoints")).isEmpty(),
                "checkpoints of finished runs are removed");
        // the killed process's claim on its run died with it: the restart took the run over and released it
        assertTrue(Files.isDirectory(out.resolve("claims")), "the runs were claimed");
        assertEquals(List.of(), stored(out.resolve("claims")), "no claim left behind");
    }

    /** The entries of {@code dir} but a writer's temporary ".…part" files (the stream closed: it holds a handle). */
    private static List<Path> stored(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static Process start(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "io.github.mishdjl.cli.MishCli"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
