package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.report.Report;
import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One baseline for a results folder: the grid stored with the runs names it (its first activation), and the
 * report and the ordering read it from there; without a stored grid Mish comes first (not the alphabetical first,
 * which for Table 1 is CELU); a grid with another baseline is refused before anything trains.
 */
class BaselineTest {

    static RunResult run(String activation, int seed, double accuracy) {
        RunSpec spec = new RunSpec("resnet20", activation, seed, Presets.quickProtocol());
        return new RunResult(spec.id(), spec, "finished", List.of(new EpochStats(1, 1.0, 0.5, 1.0, accuracy, 0.9,
                0.1, 1.0)), 269_722, "test", Map.of(), 1.0, null, List.of());
    }

    @Test
    void storedGridNamesTheBaseline(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir);
        Grid grid = new Grid("relu first", Map.of("resnet20", Presets.quickProtocol()), List.of("relu", "mish"), 2);
        store.recordGrid(grid);
        for (int seed = 0; seed < 2; seed++) {
            store.add(run("mish", seed, 0.5 + 0.01 * seed));
            store.add(run("relu", seed, 0.45 + 0.02 * seed));
        }
        assertEquals(List.of("relu", "mish"), store.activationOrder());
        assertEquals("relu", store.grid().orElseThrow().baseline());
        String md = Report.of(store, "t").markdown();
        assertTrue(md.contains("against relu"), md);
        assertTrue(md.indexOf("relu (ours)") < md.indexOf("mish (ours)"), "baseline column first");

        Grid other = new Grid("mish first", Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "relu"), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.recordGrid(other));
        assertTrue(e.getMessage().contains("against relu") && e.getMessage().contains("--out"), e.getMessage());

        Grid more = new Grid("more", Map.of("resnet20", Presets.quickProtocol()), List.of("relu", "swish"), 3);
        Grid merged = store.recordGrid(more);
        assertEquals(List.of("relu", "mish", "swish"), merged.activations());
        assertEquals(3, merged.seeds());
        String extended = "relu first; resnet20 extended to 3 seeds; swish added for resnet20";
        assertEquals(extended, merged.name(), "a grid that extends part of the stored one adds what it extended");
        Grid part = new Grid("relu first", Map.of("resnet20", Presets.quickProtocol()), List.of("relu", "mish"), 2);
        assertEquals(extended, store.recordGrid(part).name(), "a rerun of part of it keeps the name");
        assertEquals(extended, store.grid().orElseThrow().name());
    }

    /**
     * Experiment.run(Grid) records the grid before it runs (a report then compares against its first activation, not
     * Mish by default), and a grid the folder cannot take is refused before anything runs.
     */
    @Test
    void runningAGridRecordsItFirst(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir);
        for (int seed = 0; seed < 2; seed++) { // stored already: run(grid) skips them, no data is loaded
            store.add(run("mish", seed, 0.5));
            store.add(run("relu", seed, 0.45));
        }
        Grid grid = new Grid("relu first", Map.of("resnet20", Presets.quickProtocol()), List.of("relu", "mish"), 2);
        List<String> log = new java.util.ArrayList<>();
        assertEquals(List.of(), Experiment.run(grid, store, io.github.mishdjl.train.Progress.NONE, log::add));
        assertEquals(4, log.stream().filter(l -> l.contains("finished before, skipped")).count(), log.toString());
        assertEquals("relu", store.grid().orElseThrow().baseline());
        assertEquals(List.of("relu", "mish"), store.activationOrder());

        Grid other = new Grid("mish first", Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "swish"), 2);
        log.clear();
        assertThrows(IllegalArgumentException.class,
                () -> Experiment.run(other, store, io.github.mishdjl.train.Progress.NONE, log::add));
        assertEquals(List.of(), log, "refused before any run");
        assertEquals(grid, store.grid().orElseThrow());
    }

    /**
     * From Java, "no data folder" is a plain null: this compiles only while no other five-argument run overload takes
     * a reference type in that place (the in-memory datasets overload is {@code runOn}). Finished runs load no data.
     */
    @Test
    void noDataFolderIsAPlainNullFromJava(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir);
        store.add(run("mish", 0, 0.5));
        Grid grid = new Grid("one", Map.of("resnet20", Presets.quickProtocol()), List.of("mish"), 1);
        List<String> log = new java.util.ArrayList<>();
        assertEquals(List.of(), Experiment.run(grid.runs(), store, null, io.github.mishdjl.train.Progress.NONE,
                log::add));
        assertEquals(1, log.stream().filter(l -> l.contains("finished before, skipped")).count(), log.toString());
    }

    /** A grid spells names as the registries do (as `mish compare` does): "Mish" and "mish" are one run key. */
    @Test
    void aGridSpellsNamesAsTheRegistriesDo() {
        Protocol p = Presets.quickProtocol();
        Grid grid = new Grid("spelt", Map.of(" WRN_10_2", p), List.of("Mish", " Leaky-ReLU:0.3"), 1);
        assertEquals(List.of("wrn-10-2"), List.copyOf(grid.protocols().keySet()));
        assertEquals(List.of("mish", "leaky_relu:0.3"), grid.activations());
        assertEquals(List.of(new RunSpec("wrn-10-2", "mish", 0, p).id(), new RunSpec("wrn-10-2", "leaky_relu:0.3", 0,
                p).id()), grid.runs().stream().map(RunSpec::id).toList());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> new Grid("twice",
                Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "MISH"), 1));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> new Grid("none",
                Map.of("resnet20", Presets.quickProtocol()), List.of(), 1));
        assertTrue(empty.getMessage().contains("activations (got 0)"), empty.getMessage());
        java.util.LinkedHashMap<String, Protocol> twoSpellings = new java.util.LinkedHashMap<>();
        twoSpellings.put("resnet20", p);
        twoSpellings.put("RESNET20", p);
        IllegalArgumentException network = assertThrows(IllegalArgumentException.class,
                () -> new Grid("twice", twoSpellings, List.of("mish"), 1));
        assertTrue(network.getMessage().contains("'RESNET20' twice"), network.getMessage());
    }

    /** A grid.json written before grids spelled their names keyed its runs by the old spelling: refused, not retrained. */
    @Test
    void aGridWrittenInAnotherSpellingIsRefusedOnRead(@TempDir Path dir) throws Exception {
        ResultsStore store = new ResultsStore(dir);
        store.recordGrid(new Grid("old", Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "relu"), 1));
        Path file = dir.resolve("grid.json");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file)
                .replace("\"resnet20\"", "\"ResNet20\"").replace("\"mish\"", "\"Mish\""));
        IllegalStateException e = assertThrows(IllegalStateException.class, store::grid);
        assertTrue(e.getMessage().contains("[ResNet20, Mish, relu]") && e.getMessage().contains("old spelling"),
                e.getMessage());
    }

    @Test
    void mergedShardsKeepTheirGridAndDisagreeingOnesAreRefusedFirst(@TempDir Path dir) {
        Grid reluFirst = new Grid("relu first", Map.of("resnet20", Presets.quickProtocol()),
                List.of("relu", "mish", "swish"), 2);
        ResultsStore a = new ResultsStore(dir.resolve("shard-0"));
        ResultsStore b = new ResultsStore(dir.resolve("shard-1"));
        a.recordGrid(reluFirst);
        b.recordGrid(reluFirst);
        a.add(run("relu", 0, 0.45));
        a.add(run("mish", 0, 0.5));
        b.add(run("relu", 1, 0.47));
        b.add(run("mish", 1, 0.52));
        ResultsStore all = new ResultsStore(dir.resolve("all"));
        assertEquals(4, all.merge(List.of(dir.resolve("shard-0"), dir.resolve("shard-1"))));
        // without the grid the merged folder would put mish first and lose swish, planned but not run yet
        assertEquals(List.of("relu", "mish", "swish"), all.grid().orElseThrow().activations());
        assertEquals(List.of("relu", "mish"), all.activationOrder(), "relu stays the baseline");

        ResultsStore other = new ResultsStore(dir.resolve("mish-first"));
        other.recordGrid(new Grid("mish first", Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "relu"), 2));
        other.add(run("mish", 2, 0.5));
        ResultsStore none = new ResultsStore(dir.resolve("refused"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> none.merge(List.of(dir.resolve("shard-0"), dir.resolve("mish-first"))));
        assertTrue(e.getMessage().contains("compared against relu"), e.getMessage());
        assertTrue(none.all().isEmpty() && none.grid().isEmpty(), "nothing copied before the refusal");
    }

    /**
     * The stored grid's name describes the whole folder: a grid that covers it names it, one that extends part of it
     * (one network to more seeds) adds what it extended to the stored name, one that adds nothing keeps it.
     */
    @Test
    void theStoredNameDescribesTheWholeFolder(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir);
        Grid both = Presets.get("table2-cpu");
        store.recordGrid(both);
        Grid resnet = new Grid("resnet20 to 5 seeds", Map.of("resnet20", both.protocols().get("resnet20")),
                both.activations(), 5);
        Grid extended = store.recordGrid(resnet);
        assertEquals(both.name() + "; resnet20 extended to 5 seeds", extended.name());
        assertEquals(5, extended.seeds());
        assertEquals(both.protocols().keySet(), extended.protocols().keySet(), "no network dropped");
        assertEquals(extended.name(), store.recordGrid(resnet).name(), "the same again adds nothing");
        Grid all = new Grid("all to 5 seeds", both.protocols(), both.activations(), 5);
        assertEquals("all to 5 seeds", store.recordGrid(all).name(), "covers the folder: names it");
        assertEquals("all to 5 seeds", store.recordGrid(both).name(), "the 3-seed preset again keeps it");
        Grid gelu = new Grid("gelu", Map.of("resnet20", both.protocols().get("resnet20")),
                List.of("mish", "gelu"), 2);
        assertEquals("all to 5 seeds; gelu added for resnet20", store.recordGrid(gelu).name());
    }

    /**
     * A folder extended to more seeds after runs finished there remembers the seeds it had (their verdicts were a
     * first look), and its report counts the extended sample as a second look; extended before any run finished, it
     * was still being planned.
     */
    @Test
    void aFolderExtendedAfterRunsFinishedRemembersItsPlannedSeeds(@TempDir Path dir) {
        Grid two = new Grid("two", Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "relu"), 2);
        Grid three = new Grid("three", Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "relu"), 3);
        ResultsStore early = new ResultsStore(dir.resolve("early"));
        early.recordGrid(two);
        assertEquals(0, early.recordGrid(three).plannedSeeds(), "no run had finished: still planning");
        ResultsStore store = new ResultsStore(dir.resolve("late"));
        store.recordGrid(two);
        for (int seed = 0; seed < 2; seed++) {
            store.add(run("mish", seed, 0.50 + 0.01 * seed));
            store.add(run("relu", seed, 0.40 + 0.02 * seed));
        }
        assertEquals(2, store.recordGrid(three).plannedSeeds());
        assertEquals(2, store.grid().orElseThrow().plannedSeeds(), "stored, and read back");
        assertEquals(2, store.recordGrid(two).plannedSeeds(), "kept by a grid that adds nothing");
        store.add(run("mish", 2, 0.52));
        // part of the extension is in: read once complete, so the report holds it back and says so
        String partial = Report.of(store, "t").markdown();
        assertTrue(partial.contains("**Held back until complete:** resnet20: 1 of the 2 runs of seed 2 finished "
                + "so far") && partial.contains("(n=2)") && !partial.contains("(n=3)")
                && !partial.contains("once per look at the data"), partial);
        store.add(run("relu", 2, 0.45));
        String md = Report.of(store, "t").markdown();
        assertTrue(md.contains("(n=3)") && !md.contains("Held back"), md);
        assertTrue(md.contains("each counted 2 times, once per look at the data"), md);
        assertThrows(IllegalArgumentException.class, () -> new Grid("g", Map.of("resnet20",
                Presets.quickProtocol()), List.of("mish"), 2, 3));
        // a second extension after runs finished would be a third look: refused, the grid unchanged
        IllegalArgumentException third = assertThrows(IllegalArgumentException.class, () -> store.recordGrid(
                new Grid("four", Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "relu"), 4)));
        assertTrue(third.getMessage().contains("extended once already") && third.getMessage().contains("--out"),
                third.getMessage());
        assertEquals(3, store.grid().orElseThrow().seeds());
        // a folder of one seed, or of diverged runs only, had no verdict: extending it is still planning
        ResultsStore single = new ResultsStore(dir.resolve("single"));
        single.recordGrid(new Grid("one", Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "relu"), 1));
        single.add(run("mish", 0, 0.5));
        assertEquals(0, single.recordGrid(two).plannedSeeds());
    }

    /**
     * Recording the grid a folder already holds leaves its file as it was, byte for byte, also one written before
     * {@code plannedSeeds} existed: a committed grid.json does not change by a rerun of a finished grid, and the
     * folder is not even locked.
     */
    @Test
    void recordingTheStoredGridAgainLeavesItsFileUntouched(@TempDir Path dir) throws java.io.IOException {
        ResultsStore store = new ResultsStore(dir);
        Grid two = new Grid("two", Map.of("resnet20", Presets.quickProtocol()), List.of("mish", "relu"), 2);
        store.recordGrid(two);
        Path file = dir.resolve("grid.json");
        String legacy = java.nio.file.Files.readString(file).replace(",\"plannedSeeds\":0", "");
        assertFalse(legacy.contains("plannedSeeds"), legacy);
        java.nio.file.Files.writeString(file, legacy);
        java.nio.file.attribute.FileTime written = java.nio.file.attribute.FileTime.fromMillis(1_000_000L);
        java.nio.file.Files.setLastModifiedTime(file, written);
        assertEquals(two, store.recordGrid(two), "read back as it was recorded");
        assertEquals(legacy, java.nio.file.Files.readString(file));
        assertEquals(written, java.nio.file.Files.getLastModifiedTime(file), "not even rewritten");
        java.nio.file.Files.deleteIfExists(dir.resolve(".lock"));
        store.recordGrid(two);
        assertFalse(java.nio.file.Files.exists(dir.resolve(".lock")), "nor locked (the lock file is created to lock):"
                + " a committed, read-only results folder can still be reported on");
        Grid three = new Grid("three", two.protocols(), two.activations(), 3);
        store.recordGrid(three);
        assertEquals(3, store.grid().orElseThrow().seeds(), "a grid that changes the folder's is written");
    }

    @Test
    void withoutAStoredGridMishComesFirst(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir);
        for (String a : List.of("celu:1", "mish", "relu")) {
            store.add(run(a, 0, 0.5));
        }
        assertEquals(List.of("mish", "celu:1", "relu"), store.activationOrder());
        assertTrue(Report.of(store, "t").markdown().contains("| architecture | dataset | mish (ours) | celu:1 (ours)"));
    }

    /**
     * A grid that gives a stored network another protocol is refused before it trains (its runs would pool with
     * the stored ones in that network's statistics), naming what changed; the same grid again is accepted.
     */
    @Test
    void anotherProtocolForAStoredNetworkIsRefused(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir);
        Protocol noisy = Presets.fig5bProtocol(0.5);
        store.recordGrid(new Grid("noise 0.5", Map.of("five-layer-cnn", noisy), List.of("mish", "relu"), 2));
        store.recordGrid(new Grid("noise 0.5 again", Map.of("five-layer-cnn", Presets.fig5bProtocol(0.5)),
                List.of("mish", "relu"), 2));
        store.recordGrid(new Grid("json round trip", store.grid().orElseThrow().protocols(), List.of("mish"), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.recordGrid(new Grid(
                "noise 1", Map.of("five-layer-cnn", Presets.fig5bProtocol(1)), List.of("mish", "relu"), 2)));
        assertTrue(e.getMessage().contains("five-layer-cnn runs under another protocol")
                && e.getMessage().contains("stored inputNoise=0.5; asked inputNoise=1")
                && e.getMessage().contains("--out"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> store.recordGrid(new Grid(
                "no noise", Map.of("five-layer-cnn", Presets.fig5bProtocol(0)), List.of("mish"), 2)));
        assertTrue(none.getMessage().contains("stored inputNoise=0.5; asked defaults"), none.getMessage());
        assertEquals(0.5, store.grid().orElseThrow().protocols().get("five-layer-cnn").inputNoise(), "unchanged");
        assertTrue(e.getMessage().endsWith("no run has finished in it yet: to start it over with these options, "
                + "delete " + dir.resolve("grid.json")), "no run yet: the way out is named; " + e.getMessage());
        RunSpec finished = new RunSpec("five-layer-cnn", "mish", 0, noisy);
        store.add(new RunResult(finished.id(), finished, "finished", List.of(new EpochStats(1, 1, 0.5, 1, 0.5, 0.9,
                1e-3, 60)), 1, "test", Map.of("threads", "1"), 60, null, List.of()));
        IllegalArgumentException withRuns = assertThrows(IllegalArgumentException.class, () -> store.recordGrid(
                new Grid("noise 1", Map.of("five-layer-cnn", Presets.fig5bProtocol(1)), List.of("mish", "relu"), 2)));
        assertFalse(withRuns.getMessage().contains("delete"), "finished runs: never suggest deleting; "
                + withRuns.getMessage());
    }

    /** Runs trained in different environments (two workers of one thread, then one of two) say so, field by field. */
    @Test
    void environmentsThatDifferAreListedPerValue() {
        List<RunResult> runs = new java.util.ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            RunSpec spec = new RunSpec("resnet20", "mish", seed, Presets.quickProtocol());
            // seed 2's epoch was slowed (a pause, a build on the cores): the fastest is seed 1's, and CPU time
            // (recorded for seeds 1 and 2 only, as for runs trained before it was) does not grow with the pause
            runs.add(new RunResult(spec.id(), spec, "finished", List.of(new EpochStats(1, 1.0, 0.5, 1.0, 0.5, 0.9,
                    0.1, seed == 2 ? 100.0 : 60.0, seed == 0 ? 0 : 58.0 + 2 * seed)), 269_722, "test", Map.of("engine",
                    "PyTorch", "threads", seed == 0 ? "2" : "1"), seed == 2 ? 100.0 : 60.0, null, List.of()));
        }
        String md = new Report(runs, "t").markdown();
        assertTrue(md.contains("- engine: PyTorch\n"), md);
        assertTrue(md.contains("- threads: 2 (1 run); 1 (2 runs)"), md);
        // runs of 60, 60 and 100 s: 0.061 run-hours; at 2, 1 and 1 threads: 280 core-seconds, 0.078 core-hours
        assertTrue(md.contains("training time: 0.06 run-hours (each run's own wall time, resumed parts included, added "
                + "up), 0.08 core-hours"), md);
        // the median of an even count is the mean of the two middle values: 80 of 60 and 100 (not the upper one),
        // the fastest 60; CPU time 61 of 60 and 62
        assertTrue(md.contains("- median epoch over every epoch of every run, by the threads a run used (one-thread runs "
                + "trained two at a time): resnet20 mish 80 s (fastest 60 s, 2 epochs, 1 thread; CPU time 61 s); "
                + "resnet20 mish 60 s (1 epoch, 2 threads)"), md);
    }

    /** The report's question names the paper's Table 2 only when one of its networks is among the runs. */
    @Test
    void theQuestionNamesTable2OnlyForItsNetworks(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir);
        store.add(run("mish", 0, 0.5));
        store.add(run("relu", 0, 0.5));
        assertTrue(Report.of(store, "t").markdown().contains("Question: does swapping only the activation (mish vs "
                + "relu) change test accuracy? Numbers"), "resnet20 has no Table 2 row");
        RunSpec wrn = new RunSpec("wrn-10-2", "mish", 0, Presets.quickProtocol());
        store.add(new RunResult(wrn.id(), wrn, "finished", List.of(new EpochStats(1, 1.0, 0.5, 1.0, 0.7, 0.9, 0.1,
                1.0)), 303_706, "test", Map.of(), 1.0, null, List.of()));
        assertTrue(Report.of(store, "t").markdown().contains("change test accuracy, as the Mish paper's Table 2 "
                + "reports"));
    }

    /** The same seed under two protocols in one folder is flagged in the report, not silently pooled. */
    @Test
    void mixedProtocolsAreFlagged(@TempDir Path dir) {
        ResultsStore store = new ResultsStore(dir);
        store.add(run("mish", 0, 0.5));
        store.add(run("relu", 0, 0.5));
        RunSpec longer = new RunSpec("resnet20", "mish", 0, Presets.quickProtocol().withEpochs(2));
        store.add(new RunResult(longer.id(), longer, "finished", List.of(new EpochStats(1, 1.0, 0.5, 1.0, 0.6, 0.9,
                0.1, 1.0)), 269_722, "test", Map.of(), 1.0, null, List.of()));
        assertEquals(1, io.github.mishdjl.stats.Summaries.duplicates(store.all()).size());
        String md = Report.of(store, "t").markdown();
        assertTrue(md.contains("Mixed protocols") && md.contains("resnet20 / mish / seed 0: 2 runs"), md);
    }

    /** A temporary file a killed writer left is swept once it is old enough to belong to no live writer. */
    @Test
    void staleTemporariesAreSwept(@TempDir Path dir) throws java.io.IOException {
        ResultsStore store = new ResultsStore(dir);
        store.add(run("mish", 0, 0.5));
        Path stale = dir.resolve("runs").resolve(".x.json123.part");
        Path fresh = dir.resolve("runs").resolve(".y.json456.part");
        java.nio.file.Files.writeString(stale, "half");
        java.nio.file.Files.writeString(fresh, "half");
        java.nio.file.Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 3_600_000));
        store.sweepTemporaries(java.time.Duration.ofMinutes(10));
        assertTrue(!java.nio.file.Files.exists(stale) && java.nio.file.Files.exists(fresh));
        assertEquals(1, store.all().size());
    }
}
