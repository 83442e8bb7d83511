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

    /**
     * A writer process: waits for the file {@code args[2]} (both writers start together, whatever their JVMs' start-up
     * took), then stores RUNS fake runs with seeds from {@code args[1]} into the folder {@code args[0]}, a millisecond
     * apart, so that the two writers' stores overlap.
     */
    public static void main(String[] args) throws InterruptedException {
        ResultsStore store = new ResultsStore(Path.of(args[0]));
        int first = Integer.parseInt(args[1]);
        while (!Files.exists(Path.of(args[2]))) {
            Thread.sleep(1);
        }
        for (int seed = first; seed < first + RUNS; seed++) {
            RunSpec spec = new RunSpec("resnet20", "mish", seed, Presets.quickProtocol());
            store.add(new RunResult(spec.id(), spec, "finished", List.of(new EpochStats(1, 1, 0.5, 1, 0.5, 0.9, 0.1,
                    1)), 1, "test", Map.of(), 1, null, List.of()));
            Thread.sleep(1);
        }
    }

    @Test
    void twoProcessesWritingOneFolderLoseNothing(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        Path go = dir.resolve("go");
        Path folder = dir.resolve("results");
        for (int first : new int[] {0, 1000}) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ConcurrentStoreTest.class.getName(), folder.toString(), Integer.toString(first), go.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + first + ".log").toFile()).start());
        }
        Thread.sleep(2000); // both JVMs up and waiting (a slow one only shortens the overlap, asserted below)
        Files.createFile(go);
        for (Process p : writers) {
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "writer finished");
            assertEquals(0, p.exitValue(), "writer log: " + Files.readString(dir.resolve("writer-0.log")));
        }
        ResultsStore store = new ResultsStore(folder);
        assertEquals(2 * RUNS, store.all().size(), "every run file");
        List<String> index = Files.readAllLines(folder.resolve("results.jsonl"));
        assertEquals(2 * RUNS, index.size(), "the index lists every run");
        // the two wrote at the same time: the index switches from one writer's runs to the other's more than once
        // (one after the other would switch once)
        int switches = 0;
        for (int i = 1; i < index.size(); i++) {
            switches += writer(index.get(i)) != writer(index.get(i - 1)) ? 1 : 0;
        }
        assertTrue(switches > 1, "the writers overlapped: " + switches + " switches in the index");
        try (var leftovers = Files.list(folder.resolve("runs"))) {
            assertTrue(leftovers.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary files");
        }
    }

    /** Which writer stored an index line: seeds from 1000 are the second's. */
    private static boolean writer(String line) {
        return com.google.gson.JsonParser.parseString(line).getAsJsonObject().getAsJsonObject("spec").get("seed")
                .getAsInt() >= 1000;
    }
}
