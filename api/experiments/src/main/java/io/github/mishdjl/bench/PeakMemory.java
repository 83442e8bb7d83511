package io.github.mishdjl.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident memory and its high-water mark, from Linux's {@code /proc/self/status}. Writing
 * {@code 5} to {@code /proc/self/clear_refs} resets the mark, so the peak of one pass is {@code VmHWM} after
 * the pass minus {@code VmRSS} before it.
 *
 * <p>That counts tensors only if each tensor's pages become resident when allocated; glibc instead serves blocks
 * below its mapping threshold from its heap and keeps freed ones resident for reuse. So peaks are measured with the
 * threshold pinned low ({@link #mapLargeAllocations()}), after the heap's free pages are handed back; timing
 * runs afterwards with {@link #restoreAllocator()}, glibc's settled defaults (tensors up to 32 MiB reused from
 * the heap), which is what training sees.
 */
public final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;

    private PeakMemory() {}

    /** glibc's allocator tuning. */
    private interface LibC extends Library {
        int mallopt(int param, int value);

        int malloc_trim(long pad);
    }

    /** Whether peaks can be measured on this system. */
    public static boolean supported() {
        return Files.isReadable(STATUS) && Files.isWritable(CLEAR_REFS);
    }

    /**
     * Makes allocations of 1 MiB and more map fresh pages and return them on free.
     *
     * @return whether glibc accepted the setting
     */
    public static boolean mapLargeAllocations() {
        return mapAllocationsFrom(1 << 20);
    }

    /**
     * Makes allocations of {@code bytes} and more map fresh pages and return them on free.
     *
     * @return whether glibc accepted the setting
     */
    public static boolean mapAllocationsFrom(int bytes) {
        return mallopt(bytes, bytes);
    }

    /**
     * Sets what glibc's dynamic thresholds settle at once large blocks have been freed: map above 32 MiB,
     * trim the heap above 64 MiB.
     *
     * @return whether glibc accepted the setting
     */
    public static boolean restoreAllocator() {
        return mallopt(32 << 20, 64 << 20);
    }

    private static boolean mallopt(int mmapThreshold, int trimThreshold) {
        try {
            LibC libc = Native.load("c", LibC.class);
            return libc.mallopt(M_MMAP_THRESHOLD, mmapThreshold) == 1
                    && libc.mallopt(M_TRIM_THRESHOLD, trimThreshold) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Resets the high-water mark to the current resident size; returns that size in bytes. Free heap memory is first
     * handed back to the kernel ({@code malloc_trim}): a process that has trained before holds freed blocks that a
     * new tensor would reuse without its pages counting again, so its peak would read near zero.
     */
    public static long reset() {
        trim();
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException e) {
            return -1;
        }
        return read("VmRSS:");
    }

    private static void trim() {
        try {
            Native.load("c", LibC.class).malloc_trim(0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // not glibc: nothing to hand back, or no way to
        }
    }

    /** The high-water mark of resident memory since the last {@link #reset()}, in bytes. */
    public static long peak() {
        return read("VmHWM:");
    }

    private static long read(String field) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(field)) {
                    String kb = line.substring(field.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
