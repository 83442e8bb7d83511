package io.github.mishdjl.experiment;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * The results of a grid under one folder, safe against interruption (even {@code kill -9}) and shared by
 * shards: every finished run is one file {@code runs/<id>.json}, written beside and renamed into place (so it
 * is either whole or absent); {@code results.jsonl} (one JSON line per finished run, sorted) is rebuilt from
 * them, atomically, after each run; {@code checkpoints/<id>/} holds the unfinished run's last epoch.
 */
@NullMarked
public final class ResultsStore {

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final Path root;

    public ResultsStore(Path root) {
        this.root = root;
    }

    public Path getRoot() {
        return root;
    }

    private Path runs() {
        return root.resolve("runs");
    }

    /** Where the unfinished run {@code id} keeps its checkpoints. */
    public Path checkpoints(String id) {
        return root.resolve("checkpoints").resolve(id);
    }

    /** Whether run {@code id} has finished (or diverged) and is stored. */
    public boolean has(String id) {
        return Files.isRegularFile(runs().resolve(id + ".json"));
    }

    /** Stores a finished run atomically, refreshes results.jsonl, and drops the run's checkpoints. */
    public synchronized void add(RunResult result) {
        try {
            Files.createDirectories(runs());
            writeAtomically(runs().resolve(result.id() + ".json"), GSON.toJson(result) + "\n");
            refreshIndex();
            TrainingRun.deleteTree(checkpoints(result.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + result.id() + " under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Every stored run, sorted by identifier. */
    public List<RunResult> all() {
        List<RunResult> results = new ArrayList<>();
        if (!Files.isDirectory(runs())) {
            return results;
        }
        try (var files = Files.list(runs())) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (file.getFileName().toString().endsWith(".json")) {
                    try {
                        results.add(GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), RunResult.class));
                    } catch (RuntimeException e) {
                        throw new IllegalStateException("Corrupt result file " + file + ": " + e.getMessage()
                                + "; move it away and rerun to recompute that run", e);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + runs(), e);
        }
        results.sort(Comparator.comparing(RunResult::id));
        return results;
    }

    /** Copies the runs of other result folders (shards) into this one; returns how many were new. */
    public int merge(List<Path> others) {
        int added = 0;
        for (Path other : others) {
            for (RunResult result : new ResultsStore(other).all()) {
                if (!has(result.id())) {
                    try {
                        Files.createDirectories(runs());
                        writeAtomically(runs().resolve(result.id() + ".json"), GSON.toJson(result) + "\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    added++;
                }
            }
        }
        try {
            refreshIndex();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return added;
    }

    private void refreshIndex() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (RunResult result : all()) {
            lines.append(GSON.toJson(result)).append('\n');
        }
        Files.createDirectories(root);
        writeAtomically(root.resolve("results.jsonl"), lines.toString());
    }

    /** Writes a text file whole or not at all: beside it, flushed to disk, then renamed over it. */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
