package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real processes store runs into one results folder at the same time (as the workers of a sharded grid on a
 * shared filesystem do): every run file survives, and the index lists every run.
 */
class ConcurrentStoreTest {

    static final int RUNS = 40;

    /** A writer process: stores RUNS fake runs with seeds from {@code args[1]} into the folder {@code args[0]}. */
    public static void main(String[] args) {
        ResultsStore store = new ResultsStore(Path.of(args[0]));
        int first = Integer.parseInt(args[1]);
        for (int seed = first; seed < first + RUNS; seed++) {
            RunSpec spec = new RunSpec("resnet20", "mish", seed, Presets.quickProtocol());
            store.add(new RunResult(spec.id(), spec, "finished", List.of(new EpochStats(1, 1, 0.5, 1, 0.5, 0.9, 0.1,
                    1)), 1, "test", Map.of(), 1, null, List.of()));
        }
    }

    @Test
    void twoProcessesWritingOneFolderLoseNothing(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        for (int first : new int[] {0, 1000}) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ConcurrentStoreTest.class.getName(), dir.toString(), Integer.toString(first))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + first + ".log").toFile()).start());
        }
        for (Process p : writers) {
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "writer finished");
            assertEquals(0, p.exitValue(), "writer log: " + Files.readString(dir.resolve("writer-0.log")));
        }
        ResultsStore store = new ResultsStore(dir);
        assertEquals(2 * RUNS, store.all().size(), "every run file");
        List<String> index = Files.readAllLines(dir.resolve("results.jsonl"));
        assertEquals(2 * RUNS, index.size(), "the index lists every run");
        try (var leftovers = Files.list(dir.resolve("runs"))) {
            assertTrue(leftovers.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary files");
        }
    }
}
