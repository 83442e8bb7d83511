package io.github.mishdjl.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One unit of work in a results folder (a run, a loss surface) taken by this process, so that other processes working
 * the same folder leave it to this one: an exclusive OS lock on {@code claims/<key>.lock}, which names its holder. The
 * operating system drops the lock when the process ends however it ends (even {@code kill -9}), so a claim never
 * outlives its process (its file may, unlocked, and then counts for nothing): the next process takes the work over,
 * and a run resumes from its checkpoint. With claims, several processes given the same grid share it out as they go,
 * each taking the next run nobody holds: no static split, no idle worker while another still has a queue. File locks
 * are reliable on local disks; on a network filesystem without working locks, split the grid with {@code --shard}
 * instead.
 *
 * <p>Taken with {@link ResultsStore#tryClaim}, released by {@link #close()} (try-with-resources).
 */
@NullMarked
public final class RunClaim implements AutoCloseable {

    /**
     * The claim files locked in this JVM. Checked before any channel is opened on one: POSIX locks belong to the
     * process, so closing a second channel on a file this process has locked would silently drop the lock.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final ResultsStore store;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private RunClaim(ResultsStore store, Path file, FileChannel channel, FileLock lock) {
        this.store = store;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The file that holds the claim on {@code key} in {@code root}. */
    static Path file(Path root, String key) {
        if (key.isEmpty() || key.contains("/") || key.contains("\\") || key.startsWith(".")) {
            throw new IllegalArgumentException("A claim key is a run identifier or similar file name, got '" + key + "'");
        }
        return root.resolve("claims").resolve(key + ".lock");
    }

    /**
     * Takes the claim if nobody holds it; call under the folder's lock (see {@link ResultsStore#tryClaim}).
     *
     * @param holder what the claim file says of its holder ({@link #self()}, worked out before the folder's lock)
     */
    static @Nullable RunClaim tryTake(ResultsStore store, String key, String holder) throws IOException {
        Path file = file(store.getRoot().toRealPath(), key);
        if (HELD.contains(file)) {
            return null; // this process holds it (another thread, or the caller itself)
        }
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // this JVM holds the file under a path HELD does not know (a bind mount): closing the channel would drop
            // that lock, so it stays open
            return null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close(); // this process holds no lock on the file (HELD), so closing drops nobody's
            return null;
        }
        try {
            // for other processes' messages and `mish status`; readable while locked (the lock is advisory)
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            channel.close(); // drops the lock
            throw e;
        }
        HELD.add(file);
        return new RunClaim(store, file, channel, lock);
    }

    /** This process as a claim file names it: "pid 4242 on node-3 since 2026-12-05T05:10:00Z". */
    static String self() {
        return "pid " + ProcessHandle.current().pid() + " on " + HOST + " since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Who holds the claim on {@code key}, e.g. "pid 4242 on node-3 since 2026-12-05T05:10:00Z", or empty if nobody
     * does (a claim file left without its lock is no claim). Call under the folder's lock.
     */
    static Optional<String> holder(Path root, String key) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        Path file = file(root.toRealPath(), key);
        if (HELD.contains(file)) {
            return Optional.of("this process (pid " + ProcessHandle.current().pid() + ")");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return Optional.empty(); // its holder is gone
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return Optional.of(text.isEmpty() ? "another process" : text);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty(); // released and removed just now
        }
    }

    /**
     * Whether the claim on {@code key} was abandoned: its file is there and nobody holds its lock, so its holder ended
     * without releasing it (killed, out of memory; a claim released by {@link #close()} takes its file with it). Call
     * under the folder's lock, where claims are released, so a release is never seen half done.
     */
    static boolean abandoned(Path root, String key) throws IOException {
        // under the folder's lock a file that is there stays there, so no holder means an unlocked file
        return Files.isDirectory(root) && Files.isRegularFile(file(root.toRealPath(), key))
                && holder(root, key).isEmpty();
    }

    /** Looked up once: a slow name service must not hold up the folder's lock. */
    private static final String HOST = host();

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "this host";
        }
    }

    /** The claimed key's file, {@code claims/<key>.lock} in the results folder. */
    public Path getFile() {
        return file;
    }

    /**
     * Releases the claim and removes its file. The removal is under the folder's lock, where every other taker opens
     * and locks the file, so none is between the two when it goes (it would lock a file nobody else can see). The
     * lock itself is released whatever happens to the removal (a file left behind is reused by the next taker), and
     * the file leaves {@link #HELD} only after its channel is closed (closing drops every lock this process has on
     * the file, which by then is nobody else's here).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            store.locked(() -> Files.deleteIfExists(file));
        } finally {
            try {
                try {
                    lock.release();
                } finally {
                    channel.close();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot release the claim " + file + ": " + e.getMessage(), e);
            } finally {
                HELD.remove(file);
            }
        }
    }
}
