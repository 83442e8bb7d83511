package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real processes store runs, or record grids, into one results folder at the same time (as the workers of a
 * sharded grid on a shared filesystem do): every run file survives, the index lists every run, and the stored grid
 * holds what both recorded.
 */
class ConcurrentStoreTest {

    static final int RUNS = 40;

    /**
     * A writer process: says it is up (the file {@code args[2]-ready-args[1]}), waits for the file {@code args[2]}
     * (both writers start together, whatever their JVMs' start-up took), then stores RUNS fake runs with seeds from {@code args[1]} into the folder {@code args[0]} (or, with
     * {@code args[3]} "grid", records RUNS grids that each add a network of its own), a millisecond apart, and prints
     * the wall-clock milliseconds of its first start and its last end, so the test can tell that the two overlapped.
     */
    public static void main(String[] args) throws InterruptedException {
        ResultsStore store = new ResultsStore(Path.of(args[0]));
        int first = Integer.parseInt(args[1]);
        boolean grids = args.length > 3 && args[3].equals("grid");
        try {
            Files.createFile(Path.of(args[2] + "-ready-" + first));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        while (!Files.exists(Path.of(args[2]))) {
            Thread.sleep(1);
        }
        long start = System.currentTimeMillis();
        for (int seed = first; seed < first + RUNS; seed++) {
            if (grids) {
                store.recordGrid(new Grid("writer " + first, Map.of("net-" + seed, Presets.quickProtocol()),
                        List.of("relu", "mish"), 1));
            } else {
                RunSpec spec = new RunSpec("resnet20", "mish", seed, Presets.quickProtocol());
                store.add(new RunResult(spec.id(), spec, "finished", List.of(new EpochStats(1, 1, 0.5, 1, 0.5, 0.9,
                        0.1, 1)), 1, "test", Map.of(), 1, null, List.of()));
            }
            Thread.sleep(1);
        }
        System.out.println(start + " " + System.currentTimeMillis());
    }

    /** Starts the two writers together, waits for them, and checks that their work overlapped in time. */
    private static void writeConcurrently(Path dir, Path folder, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> writers = new ArrayList<>();
        Path go = dir.resolve("go-" + mode);
        for (int first : new int[] {0, 1000}) {
            writers.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ConcurrentStoreTest.class.getName(), folder.toString(), Integer.toString(first), go.toString(),
                    mode).redirectErrorStream(true).redirectOutput(log(dir, mode, first).toFile()).start());
        }
        // both JVMs up and waiting, however slowly they started
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        for (int first : new int[] {0, 1000}) {
            while (!Files.exists(Path.of(go + "-ready-" + first))) {
                assertTrue(System.nanoTime() < deadline && writers.stream().allMatch(Process::isAlive),
                        "writer " + first + " up: " + Files.readString(log(dir, mode, first)));
                Thread.sleep(10);
            }
        }
        Files.createFile(go);
        long[][] spans = new long[2][];
        for (int w = 0; w < 2; w++) {
            Process p = writers.get(w);
            Path log = log(dir, mode, w * 1000);
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "writer finished");
            assertEquals(0, p.exitValue(), "writer log: " + Files.readString(log));
            List<String> lines = Files.readAllLines(log);
            spans[w] = Arrays.stream(lines.get(lines.size() - 1).split(" ")).mapToLong(Long::parseLong)
                    .toArray();
        }
        // each started before the other ended: their stores ran at the same time (a writer takes 40+ ms)
        assertTrue(spans[0][0] < spans[1][1] && spans[1][0] < spans[0][1], "the writers overlapped: "
                + Arrays.toString(spans[0]) + " and " + Arrays.toString(spans[1]));
    }

    private static Path log(Path dir, String mode, int first) {
        return dir.resolve(mode + "-writer-" + first + ".log");
    }

    @Test
    void twoProcessesWritingOneFolderLoseNothing(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("results");
        writeConcurrently(dir, folder, "runs");
        ResultsStore store = new ResultsStore(folder);
        assertEquals(2 * RUNS, store.all().size(), "every run file");
        List<String> index = Files.readAllLines(folder.resolve("results.jsonl"));
        assertEquals(2 * RUNS, index.size(), "the index lists every run");
        assertEquals(RUNS, index.stream().filter(ConcurrentStoreTest::writer).count(), "the second writer's runs");
        try (var leftovers = Files.list(folder.resolve("runs"))) {
            assertTrue(leftovers.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary files");
        }
    }

    /** A grid is read, extended and written back: without a lock across processes one writer's network is lost. */
    @Test
    void twoProcessesRecordingGridsLoseNothing(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("results");
        writeConcurrently(dir, folder, "grid");
        Grid grid = new ResultsStore(folder).grid().orElseThrow();
        List<String> missing = new ArrayList<>();
        for (int first : new int[] {0, 1000}) {
            for (int seed = first; seed < first + RUNS; seed++) {
                if (!grid.protocols().containsKey("net-" + seed)) {
                    missing.add("net-" + seed);
                }
            }
        }
        assertEquals(List.of(), missing, "networks recorded by one writer and lost to the other's write");
        assertEquals(List.of("relu", "mish"), grid.activations());
    }

    /** Which writer stored an index line: seeds from 1000 are the second's. */
    private static boolean writer(String line) {
        return com.google.gson.JsonParser.parseString(line).getAsJsonObject().getAsJsonObject("spec").get("seed")
                .getAsInt() >= 1000;
    }
}
