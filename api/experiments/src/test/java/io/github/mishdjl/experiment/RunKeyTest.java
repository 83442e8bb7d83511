package io.github.mishdjl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run identity: the key of a fixed spec is pinned (a refactor cannot move it), a field at its default does not
 * enter it, every field that matters does, and a run stored under an older key schema is recognised.
 */
class RunKeyTest {

    static final RunSpec SPEC = new RunSpec("resnet20", "mish", 2, Protocol.resnetSgd("cifar10", 200));

    @Test
    void keyOfAFixedSpecIsPinned() {
        assertEquals(String.join("\n", "schema=mish-run/2", "architecture=resnet20", "activation=mish", "seed=2",
                "dataset=cifar10", "epochs=200", "batchSize=128", "optimizer=sgd", "learningRate=0.1", "momentum=0.9",
                "weightDecay=0.0005", "schedule=step", "milestones=100,150", "cropPadding=4", "flipProbability=0.5",
                "rotationDegrees=0", "trainFraction=1", "testFraction=1", "mean=0.5", "std=0.5"), SPEC.key());
        // SHA-256 of that text, computed independently: python3 -c "import hashlib; print(hashlib.sha256(KEY)...)"
        assertEquals("resnet20_mish_s2_3b598e4b6c", SPEC.id());
    }

    @Test
    void defaultsStayOutAndEveryOtherFieldCounts() {
        Protocol p = SPEC.protocol();
        assertEquals(SPEC.id(), new RunSpec("resnet20", "mish", 2, p.withInputNoise(0).withInitializer("he_normal")).id());
        List<RunSpec> changed = List.of(new RunSpec("resnet32", "mish", 2, p), new RunSpec("resnet20", "relu", 2, p),
                new RunSpec("resnet20", "mish", 3, p), new RunSpec("resnet20", "mish", 2, p.withEpochs(100)),
                new RunSpec("resnet20", "mish", 2, p.withInputNoise(0.1)),
                new RunSpec("resnet20", "mish", 2, p.withInitializer("pytorch_default")),
                new RunSpec("resnet20", "mish", 2, p.withFractions(1, 0.5)),
                new RunSpec("resnet20", "mish", 2, p.withDataset("mnist")));
        for (RunSpec other : changed) {
            assertNotEquals(SPEC.id(), other.id(), other.key());
        }
        assertTrue(new RunSpec("resnet20", "mish", 2, p.withInputNoise(0.1)).key().endsWith("inputNoise=0.1"));
    }

    @Test
    void runStoredUnderAnOlderKeySchemaIsRecognised(@TempDir Path dir) throws IOException {
        // A run file as the first schema wrote it: another id (a hash of Gson's rendering), no initializer field, and
        // epochs without their CPU time.
        String old = "{\"id\":\"resnet20_mish_s2_0123456789\",\"spec\":{\"architecture\":\"resnet20\",\"activation\":"
                + "\"mish\",\"seed\":2,\"protocol\":{\"dataset\":\"cifar10\",\"epochs\":200,\"batchSize\":128,"
                + "\"optimizer\":\"sgd\",\"learningRate\":0.1,\"momentum\":0.9,\"weightDecay\":5.0E-4,\"schedule\":"
                + "\"step\",\"milestones\":[100,150],\"augmentation\":{\"cropPadding\":4,\"flipProbability\":0.5,"
                + "\"rotationDegrees\":0.0},\"trainFraction\":1.0,\"testFraction\":1.0,\"mean\":0.5,\"std\":0.5,"
                + "\"inputNoise\":0.0}},\"status\":\"finished\",\"history\":[{\"epoch\":1,\"trainLoss\":1.0,"
                + "\"trainAccuracy\":0.5,\"testLoss\":1.0,\"testAccuracy\":0.5,\"testTop5\":0.9,\"learningRate\":0.1,"
                + "\"seconds\":60.0}],\"parameters\":269722,\"dataSource\":"
                + "\"CIFAR-10\",\"environment\":{},\"wallSeconds\":1.0}";
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("runs").resolve("resnet20_mish_s2_0123456789.json"), old);
        ResultsStore store = new ResultsStore(dir);
        assertTrue(store.has(SPEC.id()), "recognised under today's key");
        List<RunResult> all = store.all();
        assertEquals(1, all.size());
        assertEquals(SPEC.id(), all.get(0).id());
        assertEquals(SPEC, all.get(0).spec());
        assertEquals(60.0, all.get(0).history().get(0).seconds());
        assertEquals(0.0, all.get(0).history().get(0).cpuSeconds(), "not recorded then: 0, which reports leave out");
        assertFalse(store.has(new RunSpec("resnet20", "mish", 3, SPEC.protocol()).id()));
    }

    @Test
    void theBuilderMakesTheSameProtocolAndTheSameRunKey() {
        Protocol built = Protocol.builder().setDataset("cifar10").optEpochs(200)
                .optOptimizer(Protocol.Optimizer.SGD).optLearningRate(0.1).optMomentum(0.9).optWeightDecay(5e-4)
                .optSchedule(Protocol.Schedule.STEP, java.util.List.of(100, 150))
                .optAugmentation(io.github.mishdjl.data.Augmentation.CROP_FLIP).build();
        assertEquals(SPEC.protocol(), built);
        assertEquals("resnet20_mish_s2_3b598e4b6c", new RunSpec("resnet20", "mish", 2, built).id(), "the pinned id");
        assertEquals(SPEC.protocol(), SPEC.protocol().toBuilder().build(), "round trip");
        assertEquals(Protocol.Optimizer.SGD, built.optimizerKind());
        assertEquals(Protocol.Schedule.STEP, built.scheduleKind());
        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Protocol.builder().optEpochs(3).build());
        org.junit.jupiter.api.Assertions.assertTrue(missing.getMessage().contains("setDataset"), missing.getMessage());
    }
}
