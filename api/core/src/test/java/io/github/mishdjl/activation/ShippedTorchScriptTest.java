package io.github.mishdjl.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The TorchScript archives shipped in the jar are exactly what {@link TorchScriptArchive} writes, so they are
 * reproducible from the repository. To rewrite them after changing an op:
 * {@code mvn -pl api/core test -Dtest=ShippedTorchScriptTest -Dmish.writeTorchScript=true}.
 */
class ShippedTorchScriptTest {

    @Test
    void shippedArchivesAreWhatTheWriterProduces() throws IOException {
        boolean rewrite = Boolean.getBoolean("mish.writeTorchScript");
        for (NativeOps.NativeOp op : NativeOps.SHIPPED) {
            byte[] expected = op.archive();
            if (rewrite) {
                Path target = Path.of("src/main/resources" + op.resourceName());
                Files.createDirectories(target.getParent());
                Files.write(target, expected);
                continue;
            }
            try (InputStream in = NativeOps.class.getResourceAsStream(op.resourceName())) {
                assertNotNull(in, "missing resource " + op.resourceName() + "; rewrite with -Dmish.writeTorchScript=true");
                assertArrayEquals(expected, in.readAllBytes(), op.resourceName() + " differs from the writer's output");
            }
        }
    }
}
