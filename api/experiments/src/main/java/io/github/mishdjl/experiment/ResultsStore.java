package io.github.mishdjl.experiment;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.mishdjl.train.RunResult;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.train.TrainingRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** One lock per folder in this JVM (FileChannel locks are per process and not reentrant), by its real path. */
    private static final java.util.concurrent.ConcurrentMap<Path, java.util.concurrent.locks.ReentrantLock> FOLDERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Work on the folder's shared files that may throw {@link IOException}. */
    interface Locked<T> {
        T run() throws IOException;
    }

    private final Path root;
    private volatile boolean keepWeights;

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

    /**
     * Whether finished runs leave their final weights under {@code weights/<id>/} (for analyses that need the trained
     * network, e.g. the loss landscape). Off by default; the weights are never part of the results.
     */
    public void setKeepWeights(boolean keep) {
        this.keepWeights = keep;
    }

    public boolean getKeepWeights() {
        return keepWeights;
    }

    /** A scratch folder for work on run {@code id} that is not a result (e.g. retraining it, see Retraining). */
    public Path scratch(String id) {
        return root.resolve("scratch").resolve(id);
    }

    /** Where run {@code id}'s final weights go (whether or not they are kept). */
    public Path weights(String id) {
        return root.resolve("weights").resolve(id);
    }

    /**
     * Whether run {@code id} has finished (or diverged) and is stored: as {@code runs/<id>.json}, or in a file of an
     * older key schema whose spec has this id today (see {@link #all()}).
     */
    public boolean has(String id) {
        if (Files.isRegularFile(runs().resolve(id + ".json"))) {
            return true;
        }
        return legacyIds().contains(id);
    }

    private java.util.@org.jspecify.annotations.Nullable Set<String> legacy;

    /**
     * Today's ids of the run files stored under an older key (file name and id differ). Read once per store: this
     * code writes every run under its current id, so the set never grows while it runs.
     */
    private synchronized java.util.Set<String> legacyIds() {
        if (legacy == null) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (RunResult r : all()) {
                if (!Files.isRegularFile(runs().resolve(r.id() + ".json"))) {
                    ids.add(r.id());
                }
            }
            legacy = ids;
        }
        return legacy;
    }

    private Path gridFile() {
        return root.resolve("grid.json");
    }

    /**
     * The grid this folder's runs belong to (activation order, baseline, architectures and their protocols, seeds),
     * if {@code mish compare} (or {@link #recordGrid}) stored one.
     */
    public java.util.Optional<Grid> grid() {
        Path file = gridFile();
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        com.google.gson.JsonObject raw;
        Grid grid;
        try {
            raw = com.google.gson.JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            grid = GSON.fromJson(raw, Grid.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Unreadable grid description " + file + " (" + e.getMessage() + "); move it "
                    + "away and rerun `mish compare` with the same options to write it again", e);
        }
        // A Grid spells its names as the registries do; one written before it did (a notebook's "ResNet20") keyed its
        // runs by the old spelling, which this grid's runs would no longer find: said, not silently trained again.
        List<String> written = new ArrayList<>(raw.getAsJsonObject("protocols").keySet());
        raw.getAsJsonArray("activations").forEach(a -> written.add(a.getAsString()));
        List<String> spelled = new ArrayList<>(grid.protocols().keySet());
        spelled.addAll(grid.activations());
        if (!written.equals(spelled)) {
            throw new IllegalStateException(file + " names its networks and activations " + written + ", which are "
                    + "now spelled " + spelled + "; its runs are keyed by the old spelling, so this version would "
                    + "train them again. Train them into a new folder (or read this one with the version that wrote it)");
        }
        return java.util.Optional.of(grid);
    }

    /**
     * Stores the grid with the results, so that reports, statistics and notebooks compare against the same baseline
     * (its first activation). A folder that already holds a grid keeps it, extended by the new one's activations,
     * architectures and seeds; the new one names it if it covers the whole folder, else what it extended is added to
     * the stored name. A different baseline is refused (it would change what every comparison means), and
     * so is another protocol for a network the folder already holds (statistics group runs by network, so the two
     * would pool: one folder per protocol).
     *
     * @throws IllegalArgumentException if the folder's grid has another baseline, or another protocol for one of the
     *     grid's networks (the message names what differs)
     */
    public Grid recordGrid(Grid grid) {
        // A grid the folder already holds whole (every rerun of a finished one, each worker of a sharded one) is
        // returned without the lock: grid.json is replaced atomically, so this read sees a whole file, and a
        // read-only results folder (a committed checkout) can still be reported on.
        java.util.Optional<Grid> current = grid();
        if (current.isPresent() && combine(current.get(), grid).equals(current.get())) {
            return current.get();
        }
        // read, extended and written back under the folder's lock: shards start together, and two unlocked
        // read-modify-writes each drop what the other added
        return locked(() -> {
            java.util.Optional<Grid> stored = grid();
            Grid merged = stored.map(old -> combine(old, grid)).orElse(grid);
            // Unchanged: not written again. Every `compare` of a finished grid records it (each worker of a sharded
            // one), and a committed grid.json must not change by being read (nor by the default fields of a newer
            // format).
            if (!stored.map(merged::equals).orElse(false)) {
                writeGrid(merged);
            }
            return merged;
        });
    }

    /**
     * Checks, without writing anything, that {@link #recordGrid} would take {@code grid}.
     *
     * @throws IllegalArgumentException as {@link #recordGrid} would: another baseline, or another protocol for a network
     */
    public void checkGrid(Grid grid) {
        grid().ifPresent(old -> combine(old, grid));
    }

    /** The stored grid extended by {@code grid}; refuses another baseline or another protocol for a network. */
    private Grid combine(Grid old, Grid grid) {
        if (!old.baseline().equals(grid.baseline())) {
            throw new IllegalArgumentException(root + " holds runs compared against " + old.baseline() + " (its "
                    + "activations: " + String.join(",", old.activations()) + "); the first of --activations is the "
                    + "baseline, so start them with " + old.baseline() + " or use another --out" + startOver());
        }
        List<String> activations = new ArrayList<>(old.activations());
        grid.activations().stream().filter(a -> !activations.contains(a)).forEach(activations::add);
        java.util.Map<String, io.github.mishdjl.train.Protocol> protocols = new java.util.LinkedHashMap<>(
                old.protocols());
        for (var entry : grid.protocols().entrySet()) {
            io.github.mishdjl.train.Protocol before = protocols.putIfAbsent(entry.getKey(), entry.getValue());
            if (before != null && !sameProtocol(entry.getKey(), before, entry.getValue())) {
                // Summaries and tests group runs by network: two protocols for one network would pool.
                throw new IllegalArgumentException(root + " holds " + entry.getKey() + " runs under another "
                        + "protocol (" + changed(entry.getKey(), before, entry.getValue()) + "); the statistics "
                        + "would pool the two, so give these runs another --out (one folder per protocol)"
                        + startOver());
            }
        }
        // The name says what the folder holds: a grid that covers the whole folder names it; one that extends part
        // of it (--arch resnet20 --seeds 5) adds what it extended; one that adds nothing (a rerun of part of the
        // stored one, e.g. the 3-seed preset after the folder was extended to 5) keeps the stored name.
        int seeds = Math.max(old.seeds(), grid.seeds());
        List<String> added = new ArrayList<>();
        List<String> newActivations = activations.stream().filter(a -> !old.activations().contains(a)).toList();
        List<String> newNetworks = protocols.keySet().stream().filter(n -> !old.protocols().containsKey(n)).toList();
        String networks = String.join(", ", grid.protocols().keySet());
        if (grid.seeds() > old.seeds()) {
            added.add(networks + " extended to " + grid.seeds() + " seeds");
        }
        if (!newActivations.isEmpty()) {
            added.add(String.join(", ", newActivations) + " added for " + networks);
        }
        if (!newNetworks.isEmpty()) {
            added.add(String.join(", ", newNetworks) + " added");
        }
        boolean wholeFolder = grid.protocols().keySet().containsAll(protocols.keySet())
                && grid.activations().containsAll(activations) && grid.seeds() == seeds;
        String name = wholeFolder ? grid.name() : added.isEmpty() ? old.name()
                : old.name() + "; " + String.join("; ", added);
        // extended to more seeds after runs finished here (at least 2 seeds, a run that did not diverge): their
        // verdicts were a first look, kept once known. Looks are counted as two at most, so a second extension after
        // runs finished is refused: the extended sample is final.
        // (the run files are read only when the seeds grow, not on every recordGrid)
        boolean looked = grid.seeds() > old.seeds() && old.seeds() >= 2
                && all().stream().anyMatch(r -> !r.diverged());
        if (old.plannedSeeds() > 0 && looked) {
            throw new IllegalArgumentException(root + " was extended once already after runs had finished there (from "
                    + old.plannedSeeds() + " to " + old.seeds() + " seeds): a third look at the same claims is not "
                    + "counted by the statistics, so its sample is final; give more seeds another --out");
        }
        int planned = old.plannedSeeds() > 0 ? old.plannedSeeds()
                : grid.plannedSeeds() > 0 ? grid.plannedSeeds()
                : looked ? old.seeds() : 0;
        return new Grid(name, protocols, activations, seeds, planned);
    }

    /**
     * The way out when the folder's grid has no finished run yet (a grid started with options that were then
     * changed): its description may go. Refused all the same, since shards of one grid may be starting in it.
     */
    private String startOver() {
        return all().isEmpty() ? "; no run has finished in it yet: to start it over with these options, delete "
                + gridFile() : "";
    }

    private void writeGrid(Grid merged) {
        try {
            Files.createDirectories(root);
            io.github.mishdjl.files.AtomicFiles.writeString(gridFile(), GSON.toJson(merged) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + gridFile() + ": " + e.getMessage(), e);
        }
    }

    private static boolean sameProtocol(String arch, io.github.mishdjl.train.Protocol a,
            io.github.mishdjl.train.Protocol b) {
        return changed(arch, a, b).isEmpty();
    }

    /** Where two protocols' run keys differ, e.g. "stored inputNoise=0.5; asked defaults" (0 is the default). */
    private static String changed(String arch, io.github.mishdjl.train.Protocol a, io.github.mishdjl.train.Protocol b) {
        List<String> before = new ArrayList<>(List.of(new RunSpec(arch, "-", 0, a).key().split("\n")));
        List<String> after = new ArrayList<>(List.of(new RunSpec(arch, "-", 0, b).key().split("\n")));
        List<String> gone = before.stream().filter(l -> !after.contains(l)).toList();
        List<String> added = after.stream().filter(l -> !before.contains(l)).toList();
        if (gone.isEmpty() && added.isEmpty()) {
            return "";
        }
        return "stored " + (gone.isEmpty() ? "defaults" : String.join(", ", gone)) + "; asked "
                + (added.isEmpty() ? "defaults" : String.join(", ", added));
    }

    /**
     * The activations of these runs in comparison order, baseline first: the stored grid's order when there is one;
     * otherwise Mish first when present (the paper's baseline), then the others by name.
     */
    public List<String> activationOrder() {
        return activationOrder(all(), grid().map(Grid::activations).orElse(List.of()));
    }

    /** {@link #activationOrder()} for results read elsewhere, with a known order (may be empty). */
    public static List<String> activationOrder(List<RunResult> results, List<String> order) {
        java.util.Set<String> present = new java.util.TreeSet<>();
        results.forEach(r -> present.add(r.spec().activation()));
        List<String> out = new ArrayList<>();
        order.stream().filter(present::contains).forEach(out::add);
        if (out.isEmpty() && present.contains("mish")) {
            out.add("mish");
        }
        present.stream().filter(a -> !out.contains(a)).forEach(out::add);
        return out;
    }

    /**
     * Deletes temporary files a killed writer left in this folder ({@code .…part}, older than {@code age}: a
     * younger one may belong to a writer still at work in a shared folder).
     */
    public void sweepTemporaries(java.time.Duration age) {
        long cutoff = System.currentTimeMillis() - age.toMillis();
        for (Path dir : List.of(root, runs())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".") && name.endsWith(".part")
                            && Files.getLastModifiedTime(f).toMillis() < cutoff) {
                        Files.deleteIfExists(f);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clean up temporary files in " + dir, e);
            }
        }
    }

    /**
     * Claims the unit of work {@code key} (a run's id, or e.g. a loss surface's) for this process, or returns null if
     * anyone holds it: another process, another thread, or the caller itself (a claim is not reentrant). See
     * {@link RunClaim}. Close the claim once the work is stored.
     */
    public @org.jspecify.annotations.Nullable RunClaim tryClaim(String key) {
        RunClaim.file(root, key); // a bad key fails before any file is touched
        String self = RunClaim.self();
        return locked(() -> RunClaim.tryTake(this, key, self));
    }

    /**
     * Who holds the claim on {@code key} ("pid 4242 on node-3 since ..."), if anyone does. Without a claim file (no
     * one has claimed it, the usual case) nothing is written or locked, so a read-only folder can be asked; a claim
     * that cannot be checked counts as none.
     */
    public java.util.Optional<String> claimHolder(String key) {
        if (claimReleased(key)) {
            return java.util.Optional.empty();
        }
        try {
            return locked(() -> RunClaim.holder(root, key));
        } catch (UncheckedIOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Whether the claim on {@code key} was abandoned by a holder that ended without releasing it (killed, out of
     * memory), leaving its work unfinished and nobody's. A claim that cannot be checked counts as not abandoned.
     */
    public boolean claimAbandoned(String key) {
        if (claimReleased(key)) {
            return false;
        }
        try {
            return locked(() -> RunClaim.abandoned(root, key));
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Whether no claim on {@code key} is there: nobody has claimed it, or its holder released it (a claim released
     * takes its file with it; one abandoned or held leaves it).
     */
    public boolean claimReleased(String key) {
        return !Files.isRegularFile(RunClaim.file(root, key));
    }

    /** Removes the checkpoints of a run that is stored (they are only needed while it is unfinished). */
    public void dropCheckpoints(String id) {
        try {
            io.github.mishdjl.files.FileTrees.delete(checkpoints(id));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the checkpoints of finished run " + id, e);
        }
    }

    /**
     * Stores a finished run atomically, refreshes results.jsonl, and drops the run's checkpoints. Safe with several
     * processes writing one folder (workers of a sharded grid): the run file has its own name, and the index is
     * rebuilt under an exclusive file lock from every run file present, so a rebuild never drops another writer's run.
     */
    public void add(RunResult result) {
        // not synchronized: the run file is the run's own, and the index is rebuilt under the folder's lock (a
        // monitor held around it would order against merge's lock the other way round)
        try {
            Files.createDirectories(runs());
            io.github.mishdjl.files.AtomicFiles.writeString(runs().resolve(result.id() + ".json"), GSON.toJson(result) + "\n");
            refreshIndex();
            io.github.mishdjl.files.FileTrees.delete(checkpoints(result.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + result.id() + " under " + root + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("Cannot store " + result.id() + " under " + root + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Every stored run under today's run key ({@link #migrated}), sorted by identifier. */
    public List<RunResult> all() {
        List<RunResult> results = new ArrayList<>();
        if (!Files.isDirectory(runs())) {
            return results;
        }
        try (var files = Files.list(runs())) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (file.getFileName().toString().endsWith(".json")) {
                    try {
                        results.add(migrated(GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                                RunResult.class)));
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

    /**
     * A stored run under today's key: a run written under an older key schema (its id hashed another rendering of
     * the spec) gets the id its spec has now, so it is recognised, merged and reported, not silently orphaned.
     */
    static RunResult migrated(RunResult stored) {
        String id = stored.spec().id();
        return id.equals(stored.id()) ? stored : new RunResult(id, stored.spec(), stored.status(), stored.history(),
                stored.parameters(), stored.dataSource(), stored.environment(), stored.wallSeconds(), stored.note(),
                stored.resumedAfter());
    }

    /**
     * Copies the runs of other result folders (shards) into this one, and their grids into this one's, so that the
     * merged folder keeps the baseline and the planned activations; returns how many runs were new.
     *
     * @throws IllegalArgumentException before anything is copied, if the shards' grids (or this folder's) disagree
     *     on the baseline or on a network's protocol
     */
    public int merge(List<Path> others) {
        return locked(() -> {
            java.util.Optional<Grid> grid = grid();
            for (Path other : others) {
                java.util.Optional<Grid> theirs = new ResultsStore(other).grid();
                if (theirs.isPresent()) {
                    grid = java.util.Optional.of(grid.isPresent() ? combine(grid.get(), theirs.get()) : theirs.get());
                }
            }
            if (grid.isPresent()) {
                writeGrid(grid.get());
            }
            int added = 0;
            for (Path other : others) {
                for (RunResult result : new ResultsStore(other).all()) {
                    if (!has(result.id())) {
                        Files.createDirectories(runs());
                        io.github.mishdjl.files.AtomicFiles.writeString(runs().resolve(result.id() + ".json"),
                                GSON.toJson(result) + "\n");
                        added++;
                    }
                }
            }
            refreshIndex();
            return added;
        });
    }

    private void refreshIndex() {
        // Under the lock: the last rebuild to finish has read every run file written before it began.
        locked(() -> {
            StringBuilder lines = new StringBuilder();
            for (RunResult result : all()) {
                lines.append(GSON.toJson(result)).append('\n');
            }
            io.github.mishdjl.files.AtomicFiles.writeString(root.resolve("results.jsonl"), lines.toString());
            return null;
        });
    }

    /**
     * Runs {@code work} holding the folder's lock, exclusive across threads and processes (the file {@code .lock},
     * locked by the outermost holder); reentrant, so locked work may call other locked work.
     */
    <T> T locked(Locked<T> work) { // package-private: RunClaim releases under it
        java.util.concurrent.locks.ReentrantLock local;
        try {
            Files.createDirectories(root);
            // by the real folder: two spellings of one (a symlink, a relative path) must share the lock, or the
            // second FileChannel lock in this process fails (OverlappingFileLockException)
            local = FOLDERS.computeIfAbsent(root.toRealPath(), k -> new java.util.concurrent.locks.ReentrantLock());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + root + ": " + e.getMessage(), e);
        }
        local.lock();
        try {
            if (local.getHoldCount() > 1) {
                return work.run();
            }
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(root.resolve(".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                    java.nio.channels.FileLock held = channel.lock()) {
                assert held.isValid();
                return work.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update " + root + ": " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }
}
