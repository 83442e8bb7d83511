package io.github.mishdjl.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What a long training run does between a forward and a backward pass at the worst moment: a garbage collection,
 * then many small direct buffers allocated (they take the memory of any freed Java-side buffer), each holding a
 * sentinel a correct gradient never contains. Memory the backward pass still needs but Java freed shows up as the
 * sentinel, or as garbage, instead of the right gradient.
 */
public final class GcPressure {

    /** The value written into every buffer. */
    public static final float SENTINEL = 12345.678f;

    private GcPressure() {}

    /** Collects garbage, then fills freed small allocations with {@link #SENTINEL}; keep the result until backward. */
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
                    b.putFloat(at, SENTINEL);
                }
                held.add(b);
            }
        }
        return held;
    }
}
