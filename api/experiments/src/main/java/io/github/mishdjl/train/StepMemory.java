package io.github.mishdjl.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.bench.FixedBatchStep;
import io.github.mishdjl.bench.PeakMemory;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;

/**
 * Whether training fits in this machine's memory, found before any run starts. A network too large for its batch size
 * otherwise grows until the kernel kills the process, with no message, possibly hours into a grid (Inception-ResNet-v2
 * at batch 128 does so on 24 GiB).
 *
 * <p>One training step's peak is measured ({@link PeakMemory}) at two small batches and extrapolated linearly in the
 * batch size: activations and their gradients grow with it, while parameters, gradients and optimiser state (measured
 * apart, as what the first step leaves resident) do not. Measured with glibc mapping every allocation from 64 KiB up,
 * so that freed heap blocks reused by a tensor cannot hide it; glibc's settled defaults are restored afterwards.
 * Linux only; elsewhere, and on a GPU (whose memory is the device's), nothing is checked.
 *
 * <p>Close (within 20% in the tests) in a process that has not trained yet (the command line checks first thing). In
 * one that has, glibc's heap
 * holds freed blocks that the measured step's tensors partly reuse and fragment, so the estimate errs high (ResNet-20
 * at batch 96 after a test suite's training: 417 MB estimated, 290 MB measured), towards refusing; the refusal names
 * the switch that overrides it.
 */
@NullMarked
public final class StepMemory {

    /** The environment variable that turns the check off ({@code MISH_MEMORY_CHECK=off}). */
    public static final String SWITCH = "MISH_MEMORY_CHECK";

    /** Batches up to this size are measured as they are; larger ones extrapolated from {@link #SMALL} and this. */
    static final int LARGE = 16;
    static final int SMALL = 4;
    private static final int MAP_FROM = 64 << 10;
    private static final double GIB = 1024.0 * 1024 * 1024;
    /** The share of the available memory a step may take: the rest is for the dataset, the JVM and glibc's caches. */
    static final double HEADROOM = 0.9;
    /** Estimates measured in this process: the CLI checks before recording a grid, then training checks again. */
    private static final Map<List<Object>, Estimate> MEASURED = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicBoolean SAID_OFF = new java.util.concurrent.atomic.AtomicBoolean();

    private StepMemory() {}

    /**
     * What one network needs to train at one batch size.
     *
     * @param architecture the zoo name
     * @param activation the registry name
     * @param batchSize images per step
     * @param fixedBytes resident after the first step: parameters, their gradients, the optimiser's state
     * @param stepBaseBytes a step's peak above that, extrapolated to a batch of 0
     * @param perImageBytes a step's peak per image of the batch
     */
    public record Estimate(String architecture, String activation, int batchSize, long fixedBytes, long stepBaseBytes,
            long perImageBytes) {

        /** The estimate: fixed memory plus one step's peak at {@link #batchSize}. */
        public long bytes() {
            return bytesAt(batchSize);
        }

        /** The estimate at another batch size. */
        public long bytesAt(int batch) {
            return fixedBytes + stepBaseBytes + perImageBytes * batch;
        }

        /** The largest batch whose estimate fits in {@code available} bytes (0 if none). */
        public int largestBatch(long available) {
            long room = available - fixedBytes - stepBaseBytes;
            if (room <= 0) {
                return 0;
            }
            return perImageBytes <= 0 ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, room / perImageBytes);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s with %s at batch %d: about %.2f GiB", architecture, activation,
                    batchSize, bytes() / GIB);
        }
    }

    /** Whether estimates can be measured here (Linux's /proc, glibc). */
    public static boolean supported() {
        return PeakMemory.supported();
    }

    /**
     * Measures what training {@code architecture} with {@code activation} at {@code batchSize} needs, under the
     * protocol's optimiser (its state is part of the fixed memory). Takes a few steps at batches of at most 16, on
     * random inputs; the engine's random seed is left changed (each run sets its own). One measurement at a time in a
     * process: the mark it reads is the whole process's, so a thread training beside it would inflate it.
     *
     * @throws IllegalStateException if peaks cannot be measured here ({@link #supported()}, glibc, readable marks)
     */
    public static synchronized Estimate estimate(String architecture, String activation, Protocol protocol) {
        int batch = protocol.batchSize();
        Architecture arch = Zoo.get(architecture); // an unknown name fails here, with the allocator untouched
        if (!supported() || !PeakMemory.mapAllocationsFrom(MAP_FROM)) {
            throw new IllegalStateException("peak memory cannot be measured here (Linux's /proc and glibc are needed)");
        }
        try {
            Engine.getInstance().setRandomSeed(11);
            long start = measurable(PeakMemory.reset());
            ResumableOptimizer optimizer = ResumableOptimizer.of(protocol, Schedules.of(protocol, 1000));
            try (Model model = Model.newInstance("memory-" + architecture, Engine.getInstance().getDevices()[0]);
                    NDManager data = NDManager.newBaseManager()) {
                model.setBlock(arch.build(Activations.get(activation)));
                try (Trainer trainer = model.newTrainer(TrainingRun.config(protocol, arch.newLoss(), optimizer,
                        Engine.getInstance().getDevices()))) {
                    int large = Math.min(batch, LARGE);
                    trainer.initialize(new Shape(large).addAll(arch.getInputShape()));
                    optimizer.bind(model.getBlock());
                    NDList[] batchLarge = batch(data, arch, large);
                    step(trainer, batchLarge); // parameters' gradients and optimiser state appear here
                    long fixed = Math.max(0, measurable(PeakMemory.reset()) - start);
                    long peakLarge = peak(trainer, batchLarge, false); // that step was the warm-up
                    if (large == batch) { // measured as it is; smaller batches taken as proportional
                        return new Estimate(architecture, activation, batch, fixed, 0, peakLarge / batch);
                    }
                    long peakSmall = peak(trainer, batch(data, arch, SMALL), true);
                    long perImage = Math.max(0, (peakLarge - peakSmall) / (large - SMALL));
                    long base = Math.max(0, peakLarge - perImage * large);
                    return new Estimate(architecture, activation, batch, fixed, base, perImage);
                }
            }
        } finally {
            PeakMemory.restoreAllocator();
        }
    }

    private static long measurable(long bytes) {
        if (bytes < 0) {
            throw new IllegalStateException("peak memory cannot be measured here (/proc/self/status unreadable)");
        }
        return bytes;
    }

    /**
     * Refuses, before any work starts, runs whose training would not fit in the memory available now: one estimate
     * per network, activation and protocol among {@code runs}, measured once per process. Logs the largest estimate
     * against what is available when it measured anything; does nothing where it cannot measure, on a GPU, or with
     * {@code MISH_MEMORY_CHECK=off}.
     *
     * @throws IllegalStateException naming the first network that does not fit, what it needs, what is available
     *     and the largest batch size that fits (a network that cannot be measured is logged, not refused)
     */
    public static void require(List<RunSpec> runs, Consumer<String> log) {
        if (runs.isEmpty()) {
            return;
        }
        if ("off".equalsIgnoreCase(System.getenv(SWITCH))) {
            if (!SAID_OFF.getAndSet(true)) { // once a process: the command line and training both ask
                log.accept("memory: not checked (" + SWITCH + "=off)");
            }
            return;
        }
        if (Engine.getInstance().getGpuCount() > 0 || !supported()) {
            return;
        }
        OptionalLong available = available();
        if (available.isEmpty()) {
            return;
        }
        require(runs, available.getAsLong(), log);
    }

    /** {@link #require(List, Consumer)} against a given number of available bytes. */
    static void require(List<RunSpec> runs, long available, Consumer<String> log) {
        Map<List<Object>, RunSpec> distinct = new LinkedHashMap<>();
        for (RunSpec spec : runs) {
            distinct.putIfAbsent(key(spec), spec);
        }
        List<RunSpec> unmeasured = distinct.entrySet().stream().filter(e -> !MEASURED.containsKey(e.getKey()))
                .map(Map.Entry::getValue).toList();
        if (!unmeasured.isEmpty()) {
            log.accept("memory: measuring a training step of " + unmeasured.size() + (unmeasured.size() == 1
                    ? " network" : " networks") + " (network, activation, protocol) at batches of " + SMALL + " and "
                    + LARGE + ", to check that training fits (" + SWITCH + "=off skips this) ...");
        }
        long usable = (long) (available * HEADROOM);
        Estimate largest = null;
        for (var entry : distinct.entrySet()) {
            RunSpec spec = entry.getValue();
            Estimate e;
            try {
                e = MEASURED.computeIfAbsent(entry.getKey(),
                        k -> estimate(spec.architecture(), spec.activation(), spec.protocol()));
            } catch (RuntimeException cannot) { // a check that cannot measure must not stop the training it guards
                log.accept("memory: not checked (" + spec.architecture() + " with " + spec.activation() + ": "
                        + String.valueOf(cannot.getMessage()).split(";", 2)[0] + ")");
                return;
            }
            if (e.bytes() > usable) {
                // refused either way: a large network's other activations would take minutes more to measure
                int fits = e.largestBatch(usable);
                throw new IllegalStateException(String.format(Locale.ROOT, "Training would not fit in memory: %s, "
                        + "%s (%.0f%% of the %.1f GiB available now, the rest left for data and the JVM; one training "
                        + "step measured at batches of %d and %d, extrapolated). Train at a smaller batch size (./mish "
                        + "compare --batch-size N, or --arch without this network), on a machine with more memory, or "
                        + "with %s=off to try anyway", e, fits > 0 ? "at most batch " + fits + " fits"
                        : "and no batch size fits", 100 * HEADROOM, available / GIB, SMALL, LARGE, SWITCH));
            }
            if (largest == null || e.bytes() > largest.bytes()) {
                largest = e;
            }
        }
        if (!unmeasured.isEmpty()) { // else said before, by the check that measured them
            log.accept(String.format(Locale.ROOT, "memory: the largest need, %s, of %.1f GiB available (%.0f%% "
                    + "usable)", largest, available / GIB, 100 * HEADROOM));
        }
    }

    /**
     * The memory this process can still take: Linux's {@code MemAvailable}, or less under a cgroup (container)
     * limit; empty where unknown.
     */
    public static OptionalLong available() {
        long memAvailable = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemAvailable:")) {
                    memAvailable = Long.parseLong(line.substring(13).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        if (memAvailable < 0) {
            return OptionalLong.empty();
        }
        long limit = cgroupRoom();
        return OptionalLong.of(limit >= 0 ? Math.min(memAvailable, limit) : memAvailable);
    }

    /**
     * The least room under any memory limit of this process's cgroup or its parents (a container's, a systemd
     * slice's): limit less use, use not counting inactive page cache, which the kernel reclaims first. cgroup v2
     * and v1; -1 where there is no limit or none can be read.
     */
    private static long cgroupRoom() {
        long least = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.US_ASCII)) {
                String[] f = line.split(":", 3);
                if (f.length < 3) {
                    continue;
                }
                boolean v2 = f[0].equals("0") && f[1].isEmpty();
                if (!v2 && !java.util.Arrays.asList(f[1].split(",")).contains("memory")) {
                    continue;
                }
                Path mount = v2 ? (Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? Path.of("/sys/fs/cgroup")
                        : Path.of("/sys/fs/cgroup/unified")) : Path.of("/sys/fs/cgroup/memory");
                for (Path dir = mount.resolve(f[2].replaceFirst("^/", "")); dir != null && dir.startsWith(mount);
                        dir = dir.getParent()) {
                    long room = v2 ? room(dir, "memory.max", "memory.current", "inactive_file")
                            : room(dir, "memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file");
                    if (room >= 0) {
                        least = least < 0 ? room : Math.min(least, room);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return least;
        }
        return least;
    }

    /** One cgroup's room, -1 if it has no limit (v1 writes "no limit" as a number near 2^63) or cannot be read. */
    private static long room(Path dir, String limitFile, String usageFile, String inactiveKey) {
        try {
            String max = Files.readString(dir.resolve(limitFile)).trim();
            if (max.equals("max") || Long.parseLong(max) >= Long.MAX_VALUE / 2) {
                return -1;
            }
            long used = Long.parseLong(Files.readString(dir.resolve(usageFile)).trim());
            for (String stat : Files.readAllLines(dir.resolve("memory.stat"), StandardCharsets.US_ASCII)) {
                if (stat.startsWith(inactiveKey + " ")) {
                    used -= Long.parseLong(stat.substring(inactiveKey.length() + 1).trim());
                }
            }
            return Math.max(0, Long.parseLong(max) - Math.max(0, used));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The estimate this process measured for {@code spec}'s network, activation and protocol, if it did. */
    static java.util.Optional<Estimate> measured(RunSpec spec) {
        return java.util.Optional.ofNullable(MEASURED.get(key(spec)));
    }

    /** What an estimate depends on: the network, its activation, the protocol (batch size, optimiser). */
    private static List<Object> key(RunSpec spec) {
        return List.of(spec.architecture(), spec.activation(), spec.protocol());
    }

    private static NDList[] batch(NDManager data, Architecture arch, int size) {
        NDArray x = data.randomNormal(new Shape(size).addAll(arch.getInputShape()));
        NDArray y = data.randomInteger(0, arch.getClasses(), new Shape(size), DataType.INT32);
        return new NDList[] {new NDList(x), new NDList(y)};
    }

    /**
     * One step's peak above what was resident before it: the larger of two steps, after a warm-up step at this size
     * (with two threads, when buffers are freed against when the next are taken varies from step to step by a few
     * MiB, which a slope over 12 images would magnify).
     */
    private static long peak(Trainer trainer, NDList[] batch, boolean warmUp) {
        if (warmUp) {
            step(trainer, batch);
        }
        long peak = 0;
        for (int i = 0; i < 2; i++) {
            long before = PeakMemory.reset();
            step(trainer, batch);
            peak = Math.max(peak, PeakMemory.peak() - before);
        }
        return peak;
    }

    private static void step(Trainer trainer, NDList[] batch) {
        FixedBatchStep.take(trainer, batch[0].singletonOrThrow(), batch[1].singletonOrThrow());
    }
}
