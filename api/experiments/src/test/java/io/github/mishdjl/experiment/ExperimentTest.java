package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.github.mishdjl.data.Augmentation;
import io.github.mishdjl.data.Datasets;
import io.github.mishdjl.data.ImageSet;
import io.github.mishdjl.data.MnistIdx;
import ai.djl.ndarray.types.Shape;
import io.github.mishdjl.nn.Nets;
import io.github.mishdjl.report.Report;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import io.github.mishdjl.train.EpochStats;
import io.github.mishdjl.train.Progress;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training, grids, the results store, resume after kill -9, sharding and reports, on small learnable data. */
class ExperimentTest {

    /**
     * A learnable 28x28 task in MNIST's shape: class c draws a bright bar at row 2c + 4, plus noise, so a small
     * CNN learns it in an epoch or two.
     */
    static ImageSet bars(int count, long seed) {
        Random random = new Random(seed);
        byte[][] images = new byte[count][28 * 28];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int c = i % 10;
            labels[i] = c;
            for (int p = 0; p < 28 * 28; p++) {
                images[i][p] = (byte) random.nextInt(60);
            }
            int row = 2 * c + 4;
            for (int x = 4; x < 24; x++) {
                images[i][row * 28 + x] = (byte) (180 + random.nextInt(70));
            }
        }
        return new ImageSet("bars", images, labels, 1, 28, 28, 10);
    }

    static Datasets.Splits splits(int train, int test) {
        return new Datasets.Splits(bars(train, 1), bars(test, 2), "synthetic bars (tests)");
    }

    static Protocol protocol(int epochs) {
        return new Protocol("mnist", epochs, 32, "adam", 1e-3, 0, 0, "none", List.of(), Augmentation.NONE, 1, 1,
                0.5, 0.5);
    }

    @Test
    void trainingLearnsAndRecordsHistory() {
        RunSpec spec = new RunSpec("five-layer-cnn", "mish", 0, protocol(2));
        RunResult result = TrainingRun.run(spec, splits(600, 200), null, Progress.NONE);
        assertEquals("finished", result.status());
        assertEquals(2, result.history().size());
        EpochStats last = result.history().get(1);
        assertTrue(last.testAccuracy() > 0.8, "learns the bars: " + result.history());
        assertTrue(last.testTop5() >= last.testAccuracy());
        assertTrue(last.trainLoss() < result.history().get(0).trainLoss() + 1e-9 || last.trainLoss() < 0.5);
        assertEquals(1e-3, last.learningRate(), 1e-9);
        for (EpochStats e : result.history()) {
            // the process's CPU time, in seconds: some, and of the order of every core busy for the whole epoch at
            // most (twice that: a container's CPU quota may let a short epoch burst past the cores Java reports, and
            // the two clocks tick apart); a unit slip (ms, ns) would be off by a thousand
            int cores = Runtime.getRuntime().availableProcessors();
            assertTrue(e.cpuSeconds() > 0 && e.cpuSeconds() <= 2 * cores * e.seconds() + 0.05, e.toString());
        }
        assertTrue(result.parameters() > 0 && result.wallSeconds() > 0);
        assertTrue(result.environment().containsKey("engine"));
    }

    @Test
    void divergenceStopsTheRunAndTheGridGoesOn(@TempDir Path dir) {
        Protocol explosive = new Protocol("mnist", 2, 32, "sgd", 1e8, 0.9, 0, "none", List.of(), Augmentation.NONE, 1, 1,
                0.5, 0.5);
        ResultsStore store = new ResultsStore(dir);
        List<RunSpec> runs = List.of(new RunSpec("five-layer-cnn", "relu", 0, explosive),
                new RunSpec("five-layer-cnn", "relu", 0, protocol(1)));
        List<String> log = new ArrayList<>();
        Map<String, Datasets.Splits> data = Map.of("mnist", splits(200, 100));
        List<RunResult> results = Experiment.runOn(runs, store, data::get, Progress.NONE, log::add);
        assertEquals(2, results.size());
        assertTrue(results.get(0).diverged(), results.get(0).status());
        assertTrue(results.get(0).note().contains("loss became"), results.get(0).note());
        assertEquals("finished", results.get(1).status());
        assertTrue(log.stream().anyMatch(l -> l.contains("diverged")), log.toString());
        assertEquals(2, store.all().size());
    }

    @Test
    void memoryStaysFlatOver500Steps() {
        // 500 steps of batch 8 (4,000 images, one epoch); the trainer's live arrays are sampled along the way
        long[] live = new long[3];
        long[] rss = new long[3];
        Progress watch = new Progress() {
            NDManager manager;

            @Override
            public void trainerReady(NDManager m) {
                manager = m;
            }

            @Override
            public void batchFinished(int epoch, int batch, int batches, double loss) {
                int slot = batch == 50 ? 0 : batch == 250 ? 1 : batch == 500 ? 2 : -1;
                if (slot >= 0) {
                    // every array under the model's manager: parameters, gradients, optimiser state, batches
                    live[slot] = manager.getParentManager().getManagedArrays().size();
                    // native memory: resident size less the Java heap the JVM has committed (which may grow)
                    rss[slot] = io.github.mishdjl.bench.PeakMemory.reset() - Runtime.getRuntime().totalMemory();
                }
            }
        };
        Protocol p = new Protocol("mnist", 1, 8, "sgd", 0.01, 0.9, 1e-4, "none", List.of(), Augmentation.NONE, 1, 1,
                0.5, 0.5);
        TrainingRun.run(new RunSpec("deep-dense-3", "mish", 0, p), splits(4000, 50), null, watch);
        assertEquals(live[0], live[2], "live arrays at steps 50, 250, 500: " + java.util.Arrays.toString(live));
        System.out.println("500 steps: live arrays " + java.util.Arrays.toString(live) + ", RSS less Java heap, MiB: "
                + rss[0] / 1048576 + " -> " + rss[1] / 1048576 + " -> " + rss[2] / 1048576);
        assertTrue(live[0] > 0, "the model's arrays are counted");
        // a leak of the order seen without per-batch managers (gigabytes in hundreds of steps) cannot hide here
        assertTrue(rss[2] - rss[1] < 128L << 20, "native memory at steps 250 and 500: " + rss[1] / 1048576
                + " MiB -> " + rss[2] / 1048576 + " MiB");
    }

    @Test
    void shardsAreDisjointAndCoverTheGrid() {
        Grid grid = new Grid("g", Map.of("five-layer-cnn", protocol(1), "six-layer-cnn", protocol(1)),
                List.of("mish", "swish", "relu"), 3);
        List<RunSpec> all = grid.runs();
        assertEquals(18, all.size());
        // seed by seed, every activation of a seed before the next: a grid stopped part-way leaves paired sets
        for (int i = 0; i < all.size(); i++) {
            assertEquals(List.of("mish", "swish", "relu").get(i % 3), all.get(i).activation(), "run " + i);
            assertEquals((i / 3) % 3, all.get(i).seed(), "run " + i);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            for (RunSpec r : grid.shard(i, 4)) {
                assertTrue(seen.add(r.id()), "disjoint");
            }
        }
        assertEquals(18, seen.size());
        assertEquals(grid.shard(1, 4), grid.shard(1, 4), "deterministic");
        assertFalse(all.get(0).id().equals(new RunSpec("five-layer-cnn", "mish", 0, protocol(2)).id()),
                "the protocol is part of the identity");
    }

    @Test
    void mergeCombinesShardFoldersAndTheReportRenders(@TempDir Path dir) throws IOException {
        Map<String, Datasets.Splits> data = Map.of("mnist", splits(200, 100));
        Grid grid = new Grid("g", Map.of("five-layer-cnn", protocol(1)), List.of("mish", "relu"), 2);
        for (int i = 0; i < 2; i++) {
            Experiment.runOn(grid.shard(i, 2), new ResultsStore(dir.resolve("shard" + i)), data::get, Progress.NONE,
                    s -> { });
        }
        ResultsStore merged = new ResultsStore(dir.resolve("all"));
        assertEquals(4, merged.merge(List.of(dir.resolve("shard0"), dir.resolve("shard1"))));
        assertEquals(0, merged.merge(List.of(dir.resolve("shard0"))), "duplicates are skipped");
        assertEquals(4, Files.readAllLines(dir.resolve("all/results.jsonl")).size());
        Report report = new Report(merged.all(), "test report");
        // written from inside an interactive drawing scope (a notebook's), the file is still static SVG
        Path html = io.github.mishdjl.report.Charts.drawing(io.github.mishdjl.report.Charts.Mode.INTERACTIVE,
                () -> report.write(dir.resolve("all")));
        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && !page.contains("<script"), "inline SVG, no scripts");
        assertTrue(report.htmlFragment(io.github.mishdjl.report.Charts.Mode.INTERACTIVE).contains("<iframe"),
                "interactive charts when a cell asks for them");
        assertTrue(page.contains("five-layer-cnn") && page.contains("p-value"), "tables, t-test with 2 seeds");
        String md = Files.readString(dir.resolve("all/report.md"));
        assertTrue(md.contains("did not use CIFAR-10** (they ran on mnist;")
                && md.contains("| five-layer-cnn | mnist |"), md);
    }

    @Test
    void aUserDefinedNetworkTrainsThroughAGridAndReports(@TempDir Path dir) throws IOException {
        // A network that is not in the zoo, registered by name as a user would (a notebook cell does the same).
        Architecture mine = Zoo.register(Architecture.builder().setName("user-bars-net")
                .setInputShape(new Shape(1, 28, 28)).optReference("a convolution and a linear layer, the test's own network")
                .setFactory(a -> Nets.sequential(a, b -> b.inputChannels(1).conv(8, 3).batchNorm().activation()
                        .maxPool(2, 2).flatten().linear(10)))
                .build());
        try {
            Grid grid = new Grid("user", Map.of(mine.getName(), protocol(2)), List.of("mish", "relu"), 2);
            ResultsStore store = new ResultsStore(dir);
            List<RunResult> results = Experiment.runOn(grid.runs(), store, Map.of("mnist", splits(600, 200))::get,
                    Progress.NONE, s -> { });
            assertEquals(4, results.size());
            for (RunResult r : results) {
                assertEquals("finished", r.status());
                assertEquals("user-bars-net", r.spec().architecture());
                assertTrue(r.history().get(1).testAccuracy() > 0.5, "learns the bars: " + r.history());
            }
            assertEquals(0, Experiment.runOn(grid.runs(), store, Map.of("mnist", splits(600, 200))::get,
                    Progress.NONE, s -> { }).size(), "finished runs are known by the registered name");
            String md = new Report(store.all(), "user network").markdown();
            assertTrue(md.contains("user-bars-net: the network follows a network registered by the library's user"),
                    md);
            assertTrue(md.contains("user-bars-net is not one of the paper's networks"), md);
            assertTrue(md.contains("p-value"), "paired statistics over 2 seeds");
            // the same name for a changed network: its stored runs are not taken for the new one's
            Zoo.register(Architecture.builder().setName("user-bars-net").setInputShape(new Shape(1, 28, 28))
                    .setFactory(a -> Nets.sequential(a, b -> b.inputChannels(1).conv(16, 3).batchNorm().activation()
                            .maxPool(2, 2).flatten().linear(10)))
                    .build());
            IllegalStateException changed = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> Experiment.runOn(grid.runs(), store, Map.of("mnist", splits(600, 200))::get, Progress.NONE,
                            s -> { }));
            assertTrue(changed.getMessage().contains("user-bars-net") && changed.getMessage().contains("new name"),
                    changed.getMessage());
        } finally {
            Zoo.unregister("user-bars-net");
        }
    }
}
