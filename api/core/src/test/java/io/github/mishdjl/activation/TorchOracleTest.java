package io.github.mishdjl.activation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.mishdjl.testing.Grad;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch (Debian's python3-torch, an independent build) as the oracle: the native kernel must match F.mish
 * within a few ulps (the same kernel source, another compiler and vector path), the other implementations
 * within the tolerances the float64 closed-form tests use. Skipped where python3-torch is not installed; CI
 * installs it.
 */
class TorchOracleTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final long MAX_ULPS = 4;

    /** Distance in units in the last place; NaN equals NaN, and +0 equals -0. */
    static long ulps(double a, double b, DataType type) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        if (type == DataType.FLOAT32) {
            return Math.abs(ordered(Float.floatToIntBits((float) a)) - ordered(Float.floatToIntBits((float) b)));
        }
        long x = Double.doubleToLongBits(a);
        long y = Double.doubleToLongBits(b);
        x = x < 0 ? Long.MIN_VALUE - x : x;
        y = y < 0 ? Long.MIN_VALUE - y : y;
        return Math.abs(x - y);
    }

    private static long ordered(int bits) {
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }
    private static boolean available;

    @BeforeAll
    static void probe() throws Exception {
        available = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import torch").start().waitFor() == 0;
    }

    private static double[] oracle(double[] xs, DataType type, Path dir) throws Exception {
        Path script = dir.resolve("torch_mish.py");
        try (InputStream in = TorchOracleTest.class.getResourceAsStream("/oracle/torch_mish.py")) {
            Files.copy(in, script);
        }
        boolean single = type == DataType.FLOAT32;
        int width = single ? 4 : 8;
        ByteBuffer buffer = ByteBuffer.allocate(xs.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : xs) {
            if (single) {
                buffer.putFloat((float) x);
            } else {
                buffer.putDouble(x);
            }
        }
        Path in = dir.resolve("x.bin");
        Path out = dir.resolve("y.bin");
        Files.write(in, buffer.array());
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), single ? "float32" : "float64",
                in.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("the PyTorch oracle failed: " + log);
        }
        ByteBuffer result = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[2 * xs.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = single ? result.getFloat() : result.getDouble();
        }
        return values;
    }

    @Test
    void nativeMatchesPyTorchBitForBitAndTheOthersClosely(@TempDir Path dir) throws Exception {
        assumeTrue(available, "python3-torch is not installed (apt-get install python3-torch)");
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            double[] xs = MishTest.points(type);
            double[] torch = oracle(xs, type, dir.resolve(type.name()).toFile().mkdirs() ? dir.resolve(type.name()) : dir);
            double[] yRef = java.util.Arrays.copyOfRange(torch, 0, xs.length);
            double[] gRef = java.util.Arrays.copyOfRange(torch, xs.length, 2 * xs.length);
            try (NDManager manager = NDManager.newBaseManager()) {
                for (Mish.Impl impl : Mish.Impl.values()) {
                    double[][] out = Grad.valueAndGradient(xs, type, x -> Mish.mish(x, impl));
                    if (impl == Mish.Impl.NATIVE) {
                        // the same kernel, compiled apart (libtorch 2.7.1 here, Debian's 1.13 there): a few ulps
                        long worst = 0;
                        for (int i = 0; i < xs.length; i++) {
                            worst = Math.max(worst, ulps(yRef[i], out[0][i], type));
                            worst = Math.max(worst, ulps(gRef[i], out[1][i], type));
                        }
                        System.out.println("native vs PyTorch " + type + ": at most " + worst + " ulps apart");
                        assertTrue(worst <= MAX_ULPS, "native vs PyTorch " + type + ": " + worst + " ulps");
                    } else {
                        boolean f32 = type == DataType.FLOAT32;
                        MishTest.assertClose(xs, out[0], yRef, f32 ? 4e-7 : 2e-15, f32 ? 1e-42 : 1e-300,
                                impl + " vs PyTorch, " + type + " value");
                        MishTest.assertClose(xs, out[1], gRef, f32 ? 2e-6 : 1e-13, f32 ? 2e-7 : 1e-15,
                                impl + " vs PyTorch, " + type + " slope");
                    }
                }
            }
        }
    }
}
