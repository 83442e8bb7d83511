package io.github.mishdjl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.mishdjl.testing.MishReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: output formats, exit codes, error messages. */
class MishCliTest {

    /** Runs the CLI and returns {exit code, stdout, stderr}. */
    static Object[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = MishCli.run(args);
            return new Object[] {code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void valuesPrintsCsvThatRoundTrips() {
        for (String impl : new String[] {"native", "analytic", "autograd"}) {
            Object[] result = run("values", "--impl", impl, "--dtype", "float64", "--x=-2,-1,0,1,2,30");
            assertEquals(0, result[0], (String) result[2]);
            String[] lines = ((String) result[1]).strip().split("\n");
            assertEquals("x,y,grad", lines[0]);
            assertEquals(7, lines.length);
            for (int i = 1; i < lines.length; i++) {
                String[] cells = lines[i].split(",");
                double x = Double.parseDouble(cells[0]);
                assertEquals(MishReference.value(x), Double.parseDouble(cells[1]), 1e-15, impl + " y at " + x);
                assertEquals(MishReference.derivative(x), Double.parseDouble(cells[2]), 1e-14, impl + " grad at " + x);
            }
        }
    }

    @Test
    void valuesAcceptsNanAndInfinityAndPrintsThemAsJava() {
        Object[] result = run("values", "--x=NaN,Infinity,-inf,0");
        assertEquals(0, result[0], (String) result[2]);
        String out = (String) result[1];
        assertTrue(out.contains("\nNaN,NaN,NaN\n"), out);
        assertTrue(out.contains("\nInfinity,Infinity,NaN\n"), out);
        assertTrue(out.contains("\n-Infinity,NaN,NaN\n"), out);
        assertTrue(out.contains("\n0.0,0.0,0.6\n"), out);
    }

    @Test
    void float32OutputRoundTripsThroughFloat() {
        Object[] result = run("values", "--x=1");
        String row = ((String) result[1]).strip().split("\n")[1];
        assertEquals("1.0,0.86509836,1.0490363", row);
    }

    @Test
    void usageErrorsExitWith2AndFailuresWith1() {
        Object[] badImpl = run("values", "--impl", "fast", "--x=1");
        assertEquals(2, badImpl[0]);
        assertTrue(((String) badImpl[2]).contains("known: native, analytic, autograd"), (String) badImpl[2]);
        assertEquals(2, run("values")[0]); // --x is required
        assertEquals(2, run("values", "--x=one")[0]);
        assertEquals(2, run("frobnicate")[0]);
        Object[] bf16 = run("values", "--dtype", "bfloat16", "--x=1");
        assertEquals(1, bf16[0]);
        assertTrue(((String) bf16[2]).startsWith("error: bfloat16 is not available"), (String) bf16[2]);
    }

    @Test
    void benchActivationJsonHasEveryVariant() {
        Object[] result = run("bench", "activation", "--shape", "4,8,8", "--rounds", "2", "--warmup", "1",
                "--format", "json");
        assertEquals(0, result[0], (String) result[2]);
        JsonObject json = JsonParser.parseString(((String) result[1]).strip()).getAsJsonObject();
        assertEquals("[4,8,8]", json.get("shape").toString());
        assertEquals("float32", json.get("dtype").getAsString());
        assertTrue(json.get("threads").getAsInt() >= 1);
        List<String> names = new ArrayList<>();
        JsonArray results = json.getAsJsonArray("results");
        for (int i = 0; i < results.size(); i++) {
            JsonObject row = results.get(i).getAsJsonObject();
            names.add(row.get("name").getAsString());
            // times only as numbers of the schema: how they compare is the benchmark's business, not a test's
            assertTrue(Double.isFinite(row.get("forward_ms").getAsDouble()) && row.get("forward_ms").getAsDouble() >= 0);
            assertTrue(Double.isFinite(row.get("forward_backward_ms").getAsDouble())
                    && row.get("forward_backward_ms").getAsDouble() >= 0);
            assertTrue(row.has("peak_mib"));
        }
        for (String name : new String[] {"relu", "swish", "gelu", "mish-native", "mish-analytic", "mish-autograd",
                "djl-builtin-mish"}) {
            assertTrue(names.contains(name), name + " in " + names);
        }
    }

    @Test
    void modelsCsvListsEveryArchitectureWithItsCountAndShape() {
        Object[] result = run("models", "--format", "csv", "--arch", "wrn-10-2");
        assertEquals(0, result[0], (String) result[2]);
        String[] lines = ((String) result[1]).strip().split("\n");
        assertEquals("name,parameters,output_shape,source", lines[0]);
        assertEquals("wrn-10-2,303706,1x10,reconstructed", lines[1]);
        Object[] summary = run("models", "--arch", "resnet20-v1", "--activation", "relu", "--summary");
        assertEquals(0, summary[0], (String) summary[2]);
        assertTrue(((String) summary[1]).contains("273,066 trainable parameters"), (String) summary[1]);
        assertTrue(((String) summary[1]).contains("source: library"), (String) summary[1]);
        Object[] official = run("models", "--format", "csv", "--arch", "resnet20");
        assertEquals(0, official[0], (String) official[2]);
        assertEquals("resnet20,269722,1x10,official", ((String) official[1]).strip().split("\n")[1]);
        Object[] bad = run("models", "--arch", "resnet21-v1");
        assertEquals(2, bad[0], "a usage error");
        assertTrue(((String) bad[2]).contains("6n+2"), (String) bad[2]);
        assertEquals(2, run("models", "--summary")[0]);
        assertEquals(2, run("models", "--format", "xml")[0]);
        assertEquals(2, run("stats", "--format", "xml")[0]);
    }

    @Test
    void statsFromASummaryCsv(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path csv = dir.resolve("table1.csv");
        java.nio.file.Files.writeString(csv, "activation,mean,std,n\nmish,87.48,0.3967,23\nrelu,86.66,0.584,23\n"
                + "swish,87.32,0.414,23\n");
        Object[] result = run("stats", "--summary", csv.toString(), "--baseline", "mish", "--format", "csv");
        assertEquals(0, result[0], (String) result[2]);
        String[] lines = ((String) result[1]).strip().split("\n");
        // these rows are the paper's own Table 1 summaries: the published p, d and CI come beside the recomputation
        assertEquals("activation,mean,std,n,p_value,cohens_d,ci_low,ci_high,published_p,published_d,published_ci_low,"
                + "published_ci_high", lines[0]);
        assertEquals(4, lines.length);
        String[] relu = lines[2].split(",");
        assertEquals("relu", relu[0]);
        assertTrue(Double.parseDouble(relu[4]) < 1e-5, lines[2]);
        assertTrue(Double.parseDouble(relu[6]) < Double.parseDouble(relu[7]));
        assertEquals("<1.0E-4", relu[8], lines[2]);
        String[] swish = lines[3].split(",");
        assertEquals(0.188, Double.parseDouble(swish[4]), 0.001, "recomputed");
        assertEquals("0.1973", swish[8], "published beside it");
        Object[] text = run("stats", "--summary", csv.toString());
        assertTrue(((String) text[1]).contains("published") && ((String) text[1]).contains("cannot explain: none"),
                (String) text[1]);
        java.nio.file.Files.writeString(csv, "activation,mean,std,n\nmish,87.48,0.3967,23\nsoftplus,83.004,1.4015,23\n");
        Object[] softplus = run("stats", "--summary", csv.toString());
        assertTrue(((String) softplus[1]).contains("softplus: CI (half-width 0.3022 published, 0.6121 from the "
                + "summaries)"), (String) softplus[1]);
        // numbers of one's own get no published columns
        java.nio.file.Files.writeString(csv, "activation,mean,std,n\nmish,87.1,0.3967,23\nrelu,86.66,0.584,23\n");
        Object[] own = run("stats", "--summary", csv.toString(), "--format", "csv");
        assertEquals("activation,mean,std,n,p_value,cohens_d,ci_low,ci_high", ((String) own[1]).strip().split("\n")[0]);
        java.nio.file.Files.writeString(csv, "name,mean\nmish,1\n");
        Object[] bad = run("stats", "--summary", csv.toString());
        assertEquals(1, bad[0]);
        assertTrue(((String) bad[2]).contains("activation,mean,std,n"), (String) bad[2]);
    }

    /** A folder whose grid is still running: what has 2 runs is compared, the rest named as not testable yet. */
    @Test
    void statsOfAnUnfinishedFolderComparesWhatItCan(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        io.github.mishdjl.experiment.ResultsStore store = new io.github.mishdjl.experiment.ResultsStore(dir);
        double[][] accuracy = {{0.50, 0.52}, {0.45}}; // mish seeds 0-1, relu seed 0 only
        String[] names = {"mish", "relu"};
        for (int a = 0; a < 2; a++) {
            for (int seed = 0; seed < accuracy[a].length; seed++) {
                io.github.mishdjl.train.RunSpec spec = new io.github.mishdjl.train.RunSpec("resnet20", names[a], seed,
                        io.github.mishdjl.experiment.RecordedProtocols.NOTEBOOKS.protocol());
                store.add(new io.github.mishdjl.train.RunResult(spec.id(), spec, "finished", List.of(
                        new io.github.mishdjl.train.EpochStats(1, 1, 0.5, 1, accuracy[a][seed], 0.9, 1e-3, 60)), 1,
                        "test", java.util.Map.of(), 60, null, List.of()));
            }
        }
        Object[] out = run("stats", dir.toString(), "--format", "csv");
        assertEquals(0, out[0], (String) out[2]);
        assertTrue(((String) out[2]).contains("resnet20: relu has 1 run, not testable yet"), (String) out[2]);
        String[] lines = ((String) out[1]).strip().split("\n");
        assertEquals(2, lines.length, (String) out[1]);
        assertTrue(lines[1].startsWith("resnet20,mish,"), lines[1]);
        java.nio.file.Path reluOnly = dir.resolve("relu-only");
        io.github.mishdjl.experiment.ResultsStore second = new io.github.mishdjl.experiment.ResultsStore(reluOnly);
        store.all().stream().filter(r -> r.spec().activation().equals("relu")).forEach(second::add);
        Object[] none = run("stats", reluOnly.toString(), "--baseline", "relu");
        assertEquals(0, none[0], (String) none[2]);
        assertTrue(((String) none[2]).contains("the baseline relu has fewer than 2 runs"), (String) none[2]);
    }

    @Test
    void statusShowsEachGridOfAFolderAndNamesAFolderWithout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        io.github.mishdjl.train.Protocol p = io.github.mishdjl.experiment.RecordedProtocols.NOTEBOOKS.protocol();
        for (String level : List.of("noise-1", "noise-2")) {
            io.github.mishdjl.experiment.ResultsStore store = new io.github.mishdjl.experiment.ResultsStore(
                    dir.resolve(level));
            store.recordGrid(new io.github.mishdjl.experiment.Grid(level, java.util.Map.of("resnet20", p),
                    List.of("mish", "relu"), 1));
            io.github.mishdjl.train.RunSpec spec = new io.github.mishdjl.train.RunSpec("resnet20", "mish", 0, p);
            store.add(new io.github.mishdjl.train.RunResult(spec.id(), spec, "finished", List.of(
                    new io.github.mishdjl.train.EpochStats(1, 1, 0.5, 1, 0.5, 0.9, 1e-3, 60)), 1, "test",
                    java.util.Map.of(), 60, null, List.of()));
        }
        // loss surfaces stored beside a grid are listed per network and activation, the grid's activations first,
        // consecutive seeds as ranges
        for (int[] s : new int[][] {{3, 1}, {0, 0}, {1, 0}, {2, 0}, {4, 0}, {0, 2}}) {
            String activation = List.of("mish", "relu", "gelu").get(s[1]);
            io.github.mishdjl.analysis.LossLandscape.save(dir.resolve("noise-2"),
                    new io.github.mishdjl.analysis.LossLandscape.Surface("resnet20_" + activation + "_s" + s[0],
                            "resnet20", activation, s[0], new double[] {0}, new double[][] {{1}},
                            new double[][] {{0.5}}, 10, 1, 1, java.util.Map.of()));
        }
        // a folder of grids, one per subfolder (as Fig. 5b's noise levels): each shown
        Object[] out = run("status", dir.toString());
        assertEquals(0, out[0], (String) out[2]);
        String text = (String) out[1];
        assertTrue(text.contains(dir.resolve("noise-1") + ": noise-1\n  1 of 2 runs stored, 1 to go\n  to go, "
                + "resnet20: relu seed 0\n"), text);
        assertTrue(text.indexOf("noise-1") < text.indexOf(dir.resolve("noise-2") + ": noise-2"), text);
        assertTrue(text.endsWith("  loss surfaces (mish landscape): 6 stored: resnet20 (mish seeds 0-2, 4; relu seed "
                + "3; gelu seed 0)\n"), text);
        assertFalse(text.substring(0, text.indexOf("noise-2")).contains("loss surfaces"), "none in noise-1: " + text);
        // a surface a `mish landscape` process is computing now is named with its process
        io.github.mishdjl.train.RunSpec mish0 = new io.github.mishdjl.train.RunSpec("resnet20", "mish", 0, p);
        try (io.github.mishdjl.experiment.RunClaim claim = new io.github.mishdjl.experiment.ResultsStore(
                dir.resolve("noise-2")).tryClaim(LandscapeCommand.claimKey(mish0.id()))) {
            assertTrue(claim != null);
            String now = (String) run("status", dir.resolve("noise-2").toString())[1];
            assertTrue(now.endsWith("  loss surfaces computing now: resnet20 mish seed 0 (this process (pid "
                    + ProcessHandle.current().pid() + "))\n"), now);
        }
        // a folder holding no grid is named before anything is printed
        Object[] none = run("status", dir.resolve("noise-1").toString(), dir.resolve("nothing").toString());
        assertEquals(2, none[0]);
        assertEquals("", none[1]);
        assertTrue(((String) none[2]).contains(dir.resolve("nothing") + " holds no grid (grid.json), nor do its "
                + "subfolders (it does not exist)"), (String) none[2]);
    }

    @Test
    void benchRejectsUnknownVariantsAndFormats() {
        Object[] unknown = run("bench", "activation", "--shape", "4", "--only", "relu,nope");
        assertEquals(2, unknown[0]);
        assertTrue(((String) unknown[2]).contains("Unknown variant 'nope'"), (String) unknown[2]);
        assertEquals(2, run("bench", "activation", "--shape", "4,0")[0]);
    }

    /** Grid options are checked before anything trains: a wrong name or shard is a usage error (exit 2). */
    @Test
    void compareAndMergeCheckEverythingUpFront(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Object[] activation = run("compare", "--preset", "smoke", "--activations", "mish,mishy", "--out",
                dir.resolve("a").toString());
        assertEquals(2, activation[0], (String) activation[2]);
        assertTrue(((String) activation[2]).contains("mishy") && ((String) activation[2]).contains("known"),
                (String) activation[2]);
        Object[] shard = run("compare", "--preset", "smoke", "--shard", "a/b", "--out", dir.resolve("b").toString());
        assertEquals(2, shard[0]);
        assertTrue(((String) shard[2]).contains("--shard must be I/N") && !((String) shard[2]).contains("For input"),
                (String) shard[2]);
        assertEquals(2, run("compare", "--preset", "smoke", "--shard", "4/4")[0]);
        assertEquals(2, run("compare", "--preset", "smoke", "--arch", "resnet21")[0]);
        assertEquals(2, run("compare", "--preset", "table3")[0]);
        Object[] noise = run("compare", "--preset", "fig5b-cpu", "--input-noise", "-0.5", "--out",
                dir.resolve("c").toString());
        assertEquals(2, noise[0]);
        Object[] init = run("compare", "--preset", "fig5c-cpu", "--initializer", "he", "--out",
                dir.resolve("c").toString());
        assertEquals(2, init[0]);
        assertTrue(((String) init[2]).contains("unknown initialiser 'he'") && ((String) init[2]).contains("he_normal"),
                (String) init[2]);
        assertTrue(((String) noise[2]).contains("--input-noise must be a finite standard deviation >= 0"),
                (String) noise[2]);
        Object[] merge = run("merge", dir.resolve("no-such-shard").toString(), "--out", dir.resolve("all").toString());
        assertEquals(2, merge[0]);
        // landscape shares --shard's check; a folder with no run its filters match is a usage error, not "0 computed"
        Object[] landscapeShard = run("landscape", dir.toString(), "--shard", "2/2");
        assertEquals(2, landscapeShard[0]);
        assertTrue(((String) landscapeShard[2]).contains("--shard must be I/N"), (String) landscapeShard[2]);
        Object[] landscape = run("landscape", dir.toString(), "--seeds", "3", "--shard", "1/2");
        assertEquals(2, landscape[0], (String) landscape[2]);
        assertTrue(((String) landscape[2]).contains("--seeds [3] (seed values, not a count)"), (String) landscape[2]);
        // a mistyped --data-dir would be skipped in silence and the dataset fetched again
        Object[] dataDir = run("compare", "--preset", "smoke", "--data-dir", dir.resolve("no-such-data").toString(),
                "--out", dir.resolve("c").toString());
        assertEquals(2, dataDir[0]);
        assertTrue(((String) dataDir[2]).contains("--data-dir") && ((String) dataDir[2]).contains("does not exist"),
                (String) dataDir[2]);
        // a network for MNIST on CIFAR-10: refused before the 139 MB fetch, not after it in the first epoch
        Object[] shape = run("compare", "--preset", "smoke", "--arch", "five-layer-cnn", "--out",
                dir.resolve("c").toString());
        assertEquals(2, shape[0], (String) shape[2]);
        assertTrue(((String) shape[2]).contains("--arch five-layer-cnn cannot train on cifar10: cifar10 has 3 channels")
                && ((String) shape[2]).contains("another --dataset"), (String) shape[2]);
        // names are spelled as the registries spell them, so "Mish" and "mish" are one run, and one name twice
        Object[] twice = run("compare", "--preset", "Smoke", "--activations", "mish,MISH", "--out",
                dir.resolve("c").toString());
        assertEquals(2, twice[0], (String) twice[2]);
        assertTrue(((String) twice[2]).contains("names an activation twice: mish,mish"), (String) twice[2]);
        assertEquals("leaky_relu:-0.5", io.github.mishdjl.activation.Activations.spelling(" Leaky-ReLU:-0.5"));
        Object[] rounds = run("bench", "train", "--rounds", "0");
        assertEquals(2, rounds[0]);
        assertTrue(((String) rounds[2]).contains("--rounds and --batch must be >= 1"), (String) rounds[2]);
        assertEquals(2, run("bench", "epoch", "--steps", "3")[0]);
        assertTrue(((String) merge[2]).contains("does not exist"), (String) merge[2]);
        assertTrue(!java.nio.file.Files.exists(dir.resolve("all")), "nothing written");
        assertTrue(!java.nio.file.Files.exists(dir.resolve("a")) && !java.nio.file.Files.exists(dir.resolve("b"))
                && !java.nio.file.Files.exists(dir.resolve("c")),
                "nothing trained or written");
    }

    /**
     * --batch-size is another protocol (other runs, its own folder, named in the grid's name); a batch that cannot fit
     * in memory is refused before the folder is touched, so the same --out still takes a smaller one.
     */
    @Test
    void batchSizeIsAnotherProtocolAndWhatCannotFitIsRefusedFirst(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        CompareCommand smaller = new CompareCommand();
        new picocli.CommandLine(smaller).parseArgs("--preset", "smoke", "--batch-size", "32");
        io.github.mishdjl.experiment.Grid grid = smaller.grid();
        io.github.mishdjl.experiment.Grid preset = io.github.mishdjl.experiment.Presets.get("smoke");
        assertTrue(grid.protocols().values().stream().allMatch(p -> p.batchSize() == 32), grid::toString);
        assertTrue(preset.protocols().values().stream().noneMatch(p -> p.batchSize() == 32), preset::toString);
        assertEquals(preset.name() + " (customised: --batch-size 32)", grid.name());
        java.util.Set<String> ids = new java.util.HashSet<>();
        preset.runs().forEach(r -> ids.add(r.id()));
        assertTrue(grid.runs().stream().noneMatch(r -> ids.contains(r.id())), "other runs");
        Object[] zero = run("compare", "--preset", "smoke", "--batch-size", "0");
        assertEquals(2, zero[0]);
        assertTrue(((String) zero[2]).contains("--batch-size must be >= 1"), (String) zero[2]);
        org.junit.jupiter.api.Assumptions.assumeTrue(io.github.mishdjl.train.StepMemory.supported()
                && io.github.mishdjl.train.StepMemory.available().isPresent(), "the memory check needs Linux's /proc");
        java.nio.file.Path out = dir.resolve("huge");
        Object[] huge = run("compare", "--preset", "smoke", "--batch-size", "100000000", "--out", out.toString());
        assertEquals(1, huge[0], (String) huge[2]);
        assertTrue(((String) huge[2]).contains("error: Training would not fit in memory: ")
                && ((String) huge[2]).contains("at batch 100000000: about ")
                && ((String) huge[2]).contains("at most batch ")
                && ((String) huge[2]).contains("./mish compare --batch-size N"), (String) huge[2]);
        assertTrue(!java.nio.file.Files.exists(out), "refused before the folder is written");
    }

    /**
     * More seeds for a preset's folder extend its grid: the runs already finished keep their ids (so none is
     * orphaned), and the grid's name says what the options changed.
     */
    @Test
    void moreSeedsExtendAPresetKeepingItsRuns() {
        CompareCommand more = new CompareCommand();
        new picocli.CommandLine(more).parseArgs("--preset", "table1-cpu", "--seeds", "5");
        io.github.mishdjl.experiment.Grid extended = more.grid();
        io.github.mishdjl.experiment.Grid preset = io.github.mishdjl.experiment.Presets.get("table1-cpu");
        assertEquals(5, extended.seeds());
        assertEquals(13 * 5, extended.runs().size());
        java.util.List<String> ids = extended.runs().stream().map(io.github.mishdjl.train.RunSpec::id).toList();
        assertTrue(ids.containsAll(preset.runs().stream().map(io.github.mishdjl.train.RunSpec::id).toList()),
                "the 3-seed runs are part of the 5-seed grid");
        assertEquals(preset.name() + " (customised: --seeds 5)", extended.name());
        CompareCommand same = new CompareCommand();
        new picocli.CommandLine(same).parseArgs("--preset", "table1-cpu");
        assertEquals(preset.name(), same.grid().name(), "no options, no suffix");
    }

    /**
     * --arch narrows a preset to networks it has, each under its own protocol (table2-cpu trains ResNet-20 with SGD
     * and WRN-10-2 with Adam): the runs are the preset's, so more seeds for one network extend the same folder. A
     * network the preset lacks gets the preset's first protocol.
     */
    @Test
    void archKeepsThePresetsProtocolForANetworkItHas() {
        io.github.mishdjl.experiment.Grid preset = io.github.mishdjl.experiment.Presets.get("table2-cpu");
        CompareCommand one = new CompareCommand();
        new picocli.CommandLine(one).parseArgs("--preset", "table2-cpu", "--arch", "resnet20", "--seeds", "5");
        io.github.mishdjl.experiment.Grid grid = one.grid();
        assertEquals(java.util.Map.of("resnet20", preset.protocols().get("resnet20")), grid.protocols());
        assertEquals("sgd", grid.protocols().get("resnet20").optimizer());
        java.util.List<String> ids = grid.runs().stream().map(io.github.mishdjl.train.RunSpec::id).toList();
        assertEquals(3 * 5, ids.size());
        assertTrue(ids.containsAll(preset.runs().stream().filter(r -> r.architecture().equals("resnet20"))
                .map(io.github.mishdjl.train.RunSpec::id).toList()), "the preset's ResNet-20 runs, same ids");
        CompareCommand other = new CompareCommand();
        new picocli.CommandLine(other).parseArgs("--preset", "table2-cpu", "--arch", "resnet20-v1");
        assertEquals(preset.protocols().values().iterator().next(), other.grid().protocols().get("resnet20-v1"),
                "a network the preset lacks: its first protocol");
    }

    /**
     * A shard of `compare` is a slice of the folder's recorded grid, as `landscape --shard` slices it: with `--arch`
     * asking for part of the folder (table2-cpu's ResNet-20 extended to 5 seeds, plan step 11), each worker still owns
     * the runs whose surfaces it computes next (step 12).
     */
    @Test
    void compareAndLandscapeSliceAFolderAlike(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        io.github.mishdjl.experiment.ResultsStore store = new io.github.mishdjl.experiment.ResultsStore(dir);
        store.recordGrid(io.github.mishdjl.experiment.Presets.get("table2-cpu"));
        CompareCommand step10 = new CompareCommand();
        new picocli.CommandLine(step10).parseArgs("--preset", "table2-cpu", "--arch", "resnet20", "--seeds", "5");
        io.github.mishdjl.experiment.Grid asked = step10.grid();
        io.github.mishdjl.experiment.Grid recorded = store.recordGrid(asked);
        List<String> order = recorded.runs().stream().map(io.github.mishdjl.train.RunSpec::id).toList();
        java.util.Set<String> all = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            Options.Shard shard = new Options.Shard(i, 2);
            for (io.github.mishdjl.train.RunSpec r : CompareCommand.slice(recorded, asked, shard)) {
                assertEquals("resnet20", r.architecture());
                assertTrue(LandscapeCommand.inShard(order, r.id(), shard), r.id() + " is shard " + i + "'s in both");
                assertTrue(all.add(r.id()), r.id() + " in one shard only");
            }
        }
        assertEquals(asked.runs().stream().map(io.github.mishdjl.train.RunSpec::id).collect(
                java.util.stream.Collectors.toSet()), all, "the shards together are the runs asked for");
    }

    /**
     * A run whose weights are not here (they are local: a fresh checkout has the records only) is named, with the way
     * to recover them, and counted; nothing trains without --retrain.
     */
    @Test
    void landscapeNamesRunsWithoutWeightsAndHowToRecoverThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        io.github.mishdjl.train.RunSpec spec = oneRunWithoutWeights(dir);
        Object[] out = run("landscape", dir.toString());
        assertEquals(0, out[0], (String) out[2]);
        assertTrue(((String) out[2]).contains("no weights for " + spec.id() + " (train with `compare --keep-weights`, "
                + "or recover them with --retrain); skipped"), (String) out[2]);
        assertTrue(((String) out[2]).contains("0 surfaces computed; 0 there before; 1 without weights"),
                (String) out[2]);
        assertTrue(!java.nio.file.Files.exists(dir.resolve("scratch")), "nothing trained");
    }

    /** A results folder holding one finished ResNet-20 run's record and not its weights, as a fresh checkout has. */
    private static io.github.mishdjl.train.RunSpec oneRunWithoutWeights(java.nio.file.Path dir) {
        io.github.mishdjl.train.RunSpec spec = new io.github.mishdjl.train.RunSpec("resnet20", "mish", 0,
                io.github.mishdjl.experiment.RecordedProtocols.NOTEBOOKS.protocol());
        new io.github.mishdjl.experiment.ResultsStore(dir).add(new io.github.mishdjl.train.RunResult(spec.id(), spec,
                "finished", List.of(new io.github.mishdjl.train.EpochStats(1, 1, 0.5, 1, 0.5, 0.9, 1e-3, 60)), 1,
                "test", java.util.Map.of("threads", "1"), 60, null, List.of()));
        return spec;
    }

    /**
     * A surface already stored with the same settings is kept and its run skipped (an interrupted landscape resumes;
     * its weights are not needed again); one stored with other settings is named and recomputed.
     */
    @Test
    void landscapeKeepsSurfacesOfTheSameSettingsOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        io.github.mishdjl.train.RunSpec spec = oneRunWithoutWeights(dir);
        java.util.function.BiConsumer<double[], Integer> store = (coordinates, images) ->
                io.github.mishdjl.analysis.LossLandscape.save(dir, new io.github.mishdjl.analysis.LossLandscape.Surface(
                        spec.id(), "resnet20", "mish", 0, coordinates, new double[1][1], new double[1][1], images, 1,
                        1, java.util.Map.of()));
        // the defaults: 21 points over [-1, 1], 1,024 images asked (1,020 class-stratified on CIFAR-10), directions 1
        store.accept(java.util.stream.IntStream.range(0, 21).mapToDouble(i -> -1 + i / 10.0).toArray(), 1020);
        Object[] same = run("landscape", dir.toString());
        assertEquals(0, same[0], (String) same[2]);
        assertTrue(((String) same[2]).contains("0 surfaces computed; 1 there before"), (String) same[2]);
        assertFalse(((String) same[2]).contains("no weights"), "a stored surface needs no weights: " + same[2]);
        // a coarser grid is another surface: recomputed, so its weights are needed (and missing here)
        store.accept(new double[] {-1, 0, 1}, 1020);
        Object[] other = run("landscape", dir.toString());
        assertTrue(((String) other[2]).contains(spec.id() + ": stored surface has other settings; recomputing"),
                (String) other[2]);
        assertTrue(((String) other[2]).contains("0 surfaces computed; 0 there before; 1 without weights"),
                (String) other[2]);
    }

    /**
     * A surface another worker on the folder has claimed is left to it, without looking for weights or retraining,
     * and counted; once released, it is this process's to compute.
     */
    @Test
    void landscapeLeavesASurfaceAnotherWorkerIsComputing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        io.github.mishdjl.train.RunSpec spec = oneRunWithoutWeights(dir);
        io.github.mishdjl.experiment.ResultsStore store = new io.github.mishdjl.experiment.ResultsStore(dir);
        try (io.github.mishdjl.experiment.RunClaim claim = store.tryClaim(LandscapeCommand.claimKey(spec.id()))) {
            assertTrue(claim != null);
            Object[] out = run("landscape", dir.toString(), "--retrain");
            assertEquals(0, out[0], (String) out[2]);
            assertTrue(((String) out[2]).contains(spec.id() + ": its surface is being computed by this process (pid "
                    + ProcessHandle.current().pid() + "); left to it"), (String) out[2]);
            assertTrue(((String) out[2]).contains("0 surfaces computed; 0 there before; 0 runs retrained to recover "
                    + "their weights; 1 left to other processes computing them"), (String) out[2]);
            assertFalse(java.nio.file.Files.exists(dir.resolve("scratch")), "nothing retrained");
        }
        Object[] free = run("landscape", dir.toString());
        assertTrue(((String) free[2]).contains("0 surfaces computed; 0 there before; 1 without weights"),
                (String) free[2]);
    }

    /** The landscape's shards are compare's: each worker gets the surfaces of exactly the runs it trained. */
    @Test
    void landscapeShardsFollowTheGridsShards() {
        io.github.mishdjl.experiment.Grid grid = io.github.mishdjl.experiment.Presets.get("table2-cpu");
        java.util.List<String> order = grid.runs().stream().map(io.github.mishdjl.train.RunSpec::id).toList();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            Options.Shard shard = new Options.Shard(i, 2);
            java.util.List<String> mine = order.stream().filter(id -> LandscapeCommand.inShard(order, id, shard))
                    .toList();
            assertEquals(grid.shard(i, 2).stream().map(io.github.mishdjl.train.RunSpec::id).toList(), mine);
            for (String id : mine) {
                assertTrue(seen.add(id), id + " in two shards");
            }
        }
        assertEquals(order.size(), seen.size(), "every run in one shard");
    }
}
