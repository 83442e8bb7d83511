package io.github.mishdjl.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a long training run does between a forward and a backward pass at the worst moment: a garbage collection
 * (its Cleaner frees the native memory of unreachable direct buffers), then many small allocations. Memory the
 * backward pass still needs but Java freed then holds whatever the allocator or the new buffers wrote there, and
 * the gradient comes out wrong, which a comparison with the same computation without the collection shows.
 */
public final class GcPressure {

    /** What it means when {@link #exposesDjlsDefect()} is false (a test asserts it is true). */
    public static final String NOT_REPRODUCED = "a garbage collection between forward and backward did not corrupt "
            + "DJL's x.mul(0.17f) gradient here in 3 tries (explicit GC disabled, another collector or allocator, or a "
            + "fixed DJL), so the tests under GcPressure could not tell a freed constant from a kept one";

    private static Boolean exposes;

    private GcPressure() {}

    /** Collects garbage, then makes small direct allocations; keep the result reachable until backward is done. */
    public static List<ByteBuffer> apply() {
        System.gc();
        try {
            Thread.sleep(50); // the Cleaner thread frees the collected buffers' native memory
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ByteBuffer> held = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            for (int bytes : new int[] {4, 8}) {
                ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
                for (int at = 0; at + 4 <= bytes; at += 4) {
                    b.putFloat(at, 12345.678f);
                }
                held.add(b);
            }
        }
        return held;
    }

    /**
     * The gradient of {@code sum(f(x))} at {@code x} (1-D, of the given type), with {@link #apply()} between forward
     * and backward when {@code pressure}, else without; the engine's seed is fixed first, so a function that draws
     * while training (rrelu) draws the same either way. Compare both to catch a freed constant.
     */
    public static double[] gradient(double[] x, DataType type, boolean pressure, UnaryOperator<NDArray> f) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            NDArray in = m.create(x).toType(type, false);
            in.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray sum = f.apply(in).sum();
                List<ByteBuffer> held = pressure ? apply() : List.of();
                gc.backward(sum);
                Reference.reachabilityFence(held);
            }
            return in.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /**
     * Whether, on this JVM and engine, {@link #apply()} between forward and backward corrupts the gradient of DJL's
     * {@code x.mul(0.17f)} (the defect {@code Scalars} works around): the condition under which a test of freed
     * constants can fail at all. Measured once per JVM, up to 3 times (on a loaded machine the Cleaner thread may not
     * free the collected buffers within {@link #apply()}'s wait).
     */
    public static synchronized boolean exposesDjlsDefect() {
        for (int tries = 0; tries < 3 && (exposes == null || !exposes); tries++) {
            exposes = gradient(new double[] {1, 2, 3}, DataType.FLOAT32, true, x -> x.mul(0.17f))[0] != (double) 0.17f;
        }
        return exposes;
    }
}
