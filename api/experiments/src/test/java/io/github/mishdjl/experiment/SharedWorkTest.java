package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Units shared with another process ({@link RunClaimTest}'s holder, a real second JVM): left to it while it lives,
 * taken over in the same pass once it stops without finishing them, not redone once it finished them.
 */
class SharedWorkTest {

    /** A job over named units that records what it was asked to do, and calls {@code onRun} as each unit runs. */
    private static final class Recorder implements SharedWork.Job<String> {
        final Set<String> finished = new HashSet<>();
        final List<String> events = new ArrayList<>();
        BiConsumer<String, Recorder> onRun = (unit, job) -> { };

        @Override
        public String key(String unit) {
            return unit;
        }

        @Override
        public boolean finished(String unit) {
            return finished.contains(unit);
        }

        @Override
        public void skip(String unit, String label) {
            events.add(label + "skip " + unit);
        }

        @Override
        public void run(String unit, String label) {
            events.add(label + "run " + unit);
            onRun.accept(unit, this);
            finished.add(unit);
        }

        @Override
        public void leftTo(String unit, String label, String holder) {
            events.add(label + "left " + unit + (holder.startsWith("pid ") ? " to a pid" : " to " + holder));
        }
    }

    @Test
    void aUnitIsLeftToItsLiveHolderAndTakenOverWhenTheHolderStops(@TempDir Path dir) throws Exception {
        ResultsStore store = new ResultsStore(dir.resolve("results"));
        Recorder job = new Recorder();
        job.finished.add("a");
        Process holder = RunClaimTest.startHolder(dir, store.getRoot(), "c");
        try {
            List<String> left = SharedWork.run(store, List.of("a", "b", "c", "d"), job);
            assertEquals(List.of("c"), left, "held throughout");
            assertEquals(List.of("[1/4] skip a", "[2/4] run b", "[3/4] left c to a pid", "[4/4] run d"), job.events);

            // the holder is killed while this process does "e", after "c" was left to it
            Recorder next = new Recorder();
            next.onRun = (unit, j) -> {
                if (unit.equals("e")) {
                    kill(holder);
                }
            };
            assertEquals(List.of(), SharedWork.run(store, List.of("c", "e"), next));
            assertEquals(List.of("[1/2] left c to a pid", "[2/2] run e", SharedWork.TAKING_OVER + "run c"), next.events);
        } finally {
            kill(holder);
        }
    }

    @Test
    void aUnitItsHolderFinishedIsNeitherRedoneNorReportedAsSkipped(@TempDir Path dir) throws Exception {
        ResultsStore store = new ResultsStore(dir.resolve("results"));
        Process holder = RunClaimTest.startHolder(dir, store.getRoot(), "a");
        try {
            Recorder job = new Recorder();
            job.onRun = (unit, j) -> {
                j.finished.add("a"); // the holder stores its unit, then ends
                kill(holder);
            };
            assertEquals(List.of(), SharedWork.run(store, List.of("a", "b"), job));
            assertEquals(List.of("[1/2] left a to a pid", "[2/2] run b"), job.events);
        } finally {
            kill(holder);
        }
    }

    private static void kill(Process p) {
        p.destroyForcibly(); // SIGKILL, as the kernel's out-of-memory killer
        try {
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
