package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.train.Progress;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims let several processes share one grid: a run another process holds is left to it, and a holder that dies
 * (even by {@code kill -9}) leaves no stale claim behind. Checked with a real second process.
 */
class RunClaimTest {

    /**
     * A holder process: claims {@code args[1]} in the folder {@code args[0]}, says so (file {@code args[2]}), then
     * waits on its standard input: a line "release" releases the claim (the process lives on), the end of input
     * (its parent gone) ends it.
     */
    public static void main(String[] args) throws Exception {
        RunClaim claim = new ResultsStore(Path.of(args[0])).tryClaim(args[1]);
        if (claim == null) {
            System.exit(3);
        }
        Files.writeString(Path.of(args[2]), "claimed");
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("release")) {
                claim.close();
                Files.writeString(Path.of(args[2] + ".released"), "released");
            }
        }
        System.exit(4);
    }

    @Test
    void aClaimIsExclusiveWithinTheProcessAndGoesWithItsFile(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir.resolve("results"));
        assertEquals(Optional.empty(), store.claimHolder("run-a"), "nobody, in a folder that does not exist yet");
        RunClaim a = store.tryClaim("run-a");
        assertNotNull(a);
        assertNull(store.tryClaim("run-a"), "held");
        // another spelling of the folder is the same folder
        assertNull(new ResultsStore(dir.resolve("results/../results")).tryClaim("run-a"), "held, by any path");
        assertEquals(Optional.of("this process (pid " + ProcessHandle.current().pid() + ")"), store.claimHolder("run-a"));
        try (RunClaim b = store.tryClaim("run-b")) {
            assertNotNull(b, "another key is free");
        }
        assertTrue(Files.isRegularFile(a.getFile()));
        a.close();
        a.close(); // twice is harmless
        assertFalse(Files.exists(a.getFile()), "the claim file goes with the claim");
        assertEquals(Optional.empty(), store.claimHolder("run-a"));
        try (RunClaim again = store.tryClaim("run-a")) {
            assertNotNull(again, "free again");
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> store.tryClaim("../x"));
        assertTrue(bad.getMessage().contains("'../x'"), bad.getMessage());
    }

    @Test
    void aRunAnotherProcessTrainsIsLeftToItUntilThatProcessDies(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("results");
        ResultsStore store = new ResultsStore(folder);
        List<RunSpec> runs = twoRuns();
        String held = runs.get(0).id();
        Process holder = startHolder(dir, folder, held);
        try {
            assertNull(store.tryClaim(held), "held by the other process");
            String who = store.claimHolder(held).orElseThrow();
            assertTrue(who.startsWith("pid " + holder.pid() + " on ") && who.contains(" since "), who);

            Map<String, Datasets.Splits> data = Map.of("mnist", ExperimentTest.splits(200, 100));
            List<String> log = new ArrayList<>();
            List<RunResult> trained = Experiment.runOn(runs, store, data::get, Progress.NONE, log::add);
            assertEquals(List.of(runs.get(1).id()), trained.stream().map(RunResult::id).toList(), "the free run only");
            assertTrue(log.contains("[1/2] " + held + ": being trained by " + who + "; left to it"), log.toString());
            assertTrue(log.get(log.size() - 1).startsWith("1 run was being trained by other processes on " + folder
                    + " and is left to them: " + held), log.toString());
            assertFalse(store.has(held));
        } finally {
            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no finally in the holder
            assertTrue(holder.waitFor(1, TimeUnit.MINUTES));
        }
        assertEquals(Optional.empty(), store.claimHolder(held), "the OS dropped the dead holder's lock");
        List<String> log = new ArrayList<>();
        List<RunResult> rest = Experiment.runOn(runs, store,
                Map.of("mnist", ExperimentTest.splits(200, 100))::get, Progress.NONE, log::add);
        assertEquals(List.of(held), rest.stream().map(RunResult::id).toList(), "taken over: " + log);
        assertEquals(2, store.all().size());
        try (var claims = Files.list(folder.resolve("claims"))) {
            assertEquals(List.of(), claims.toList(), "no claim files left (the dead holder's went with the takeover)");
        }
    }

    @Test
    void aRunWhoseHolderStopsMidPassIsTakenOverAtTheEndOfThePass(@TempDir Path dir) throws Exception {
        List<RunSpec> runs = twoRuns();
        String held = runs.get(0).id();
        ResultsStore store = new ResultsStore(dir.resolve("results"));
        Process holder = startHolder(dir, store.getRoot(), held);
        List<String> log = new ArrayList<>();
        List<RunResult> trained;
        try {
            // the holder dies (SIGKILL, as the kernel's out-of-memory killer would) while this process trains run 2
            trained = Experiment.runOn(runs, store, Map.of("mnist", ExperimentTest.splits(200, 100))::get,
                    Progress.NONE, line -> {
                        log.add(line);
                        if (line.startsWith("[2/2] five-layer-cnn with mish")) {
                            holder.destroyForcibly();
                            try {
                                assertTrue(holder.waitFor(1, TimeUnit.MINUTES));
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
        } finally {
            holder.destroyForcibly();
            holder.waitFor(1, TimeUnit.MINUTES);
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("[1/2] " + held + ": being trained by pid " + holder.pid())),
                "left to the holder while it lived: " + log);
        assertEquals(List.of(runs.get(1).id(), held), trained.stream().map(RunResult::id).toList(),
                "taken over in the same call: " + log);
        assertTrue(log.contains("[taking over: its holder was killed before finishing it] five-layer-cnn with relu, seed 0 ("
                + held + ")"), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains("left to them")), log.toString());
        assertEquals(2, store.all().size());
    }

    /** Two quick runs: a claimed one and a free one. */
    private static List<RunSpec> twoRuns() {
        return List.of(new RunSpec("five-layer-cnn", "relu", 0, ExperimentTest.protocol(1)),
                new RunSpec("five-layer-cnn", "mish", 0, ExperimentTest.protocol(1)));
    }

    /**
     * Starts a process that claims {@code key} in {@code folder}; returns once it holds the claim. It ends when
     * killed, or when this JVM ends (its input closes).
     */
    static Process startHolder(Path dir, Path folder, String key) throws Exception {
        Path ready = dir.resolve("ready-" + key);
        Path log = dir.resolve("holder-" + key + ".log");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RunClaimTest.class.getName(), folder.toString(), key,
                ready.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitFile(ready, holder, log);
        return holder;
    }

    /** Has a holder release its claim, without ending; returns once it has. */
    static void release(Process holder, Path dir, String key) throws Exception {
        holder.getOutputStream().write("release\n".getBytes(StandardCharsets.UTF_8));
        holder.getOutputStream().flush();
        awaitFile(dir.resolve("ready-" + key + ".released"), holder, dir.resolve("holder-" + key + ".log"));
    }

    private static void awaitFile(Path file, Process holder, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(file)) {
            if (!holder.isAlive() || System.nanoTime() >= deadline) {
                holder.destroyForcibly();
                throw new AssertionError("holder did not get to " + file.getFileName() + ": " + Files.readString(log));
            }
            Thread.sleep(10);
        }
    }
}
