package io.github.mishdjl.cli;

import io.github.mishdjl.analysis.LossLandscape;
import io.github.mishdjl.experiment.GridStatus;
import io.github.mishdjl.experiment.ResultsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mish status}: how far the grids of results folders have come, and the time they still need. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show how far the grid of each results folder has come: runs stored and still to go (with the "
                + "epochs an interrupted run has checkpointed, where a restart resumes), and the training time left, "
                + "estimated from the epochs already trained. A folder holding one grid per subfolder (one per noise "
                + "level or initialiser) shows each, and the loss surfaces a folder holds (mish landscape). Runs and "
                + "surfaces being worked on now are named with the process at them. Reads only; safe while the "
                + "grid runs.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR", description = "Results folders of `mish compare`.")
    List<Path> folders;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // every folder checked before anything is printed: a mistyped one is named, not buried in output
        List<Path> grids = new ArrayList<>();
        for (Path folder : folders) {
            List<Path> found = grids(folder);
            if (found.isEmpty()) {
                throw new ParameterException(spec.commandLine(), folder + " holds no grid (grid.json), nor do its "
                        + "subfolders" + (Files.isDirectory(folder) ? "" : " (it does not exist)") + ": give a "
                        + "results folder of `mish compare`, e.g. notebooks/results/fig5a-cpu");
            }
            grids.addAll(found);
        }
        for (Path folder : grids) {
            ResultsStore store = new ResultsStore(folder);
            GridStatus status = GridStatus.of(store);
            List<String> lines = status.lines();
            System.out.println(folder + ": " + lines.get(0));
            lines.subList(1, lines.size()).forEach(System.out::println);
            List<LossLandscape.Surface> surfaces = LossLandscape.load(folder);
            if (!surfaces.isEmpty()) {
                System.out.println("  " + surfaces(surfaces, status.grid().activations()));
            }
            // surfaces being computed now (claimed by a `mish landscape` process: LandscapeCommand.claimKey)
            List<String> computing = status.finished().stream()
                    .flatMap(r -> store.claimHolder(LandscapeCommand.claimKey(r.id())).stream().map(who ->
                            r.spec().architecture() + " " + r.spec().activation() + " seed " + r.spec().seed() + " ("
                                    + who + ")"))
                    .toList();
            if (!computing.isEmpty()) {
                System.out.println("  loss surfaces computing now: " + String.join(", ", computing));
            }
        }
        return 0;
    }

    /**
     * The loss surfaces stored, per network and activation (in the grid's order of activations), with their seeds,
     * e.g. "loss surfaces (mish landscape): 5 stored: resnet20 (mish seeds 0-2, 4; relu seed 0)".
     */
    static String surfaces(List<LossLandscape.Surface> surfaces, List<String> activations) {
        // the grid's activations in its order, any other after them by name
        java.util.Comparator<String> order = java.util.Comparator.<String>comparingInt(act ->
                activations.contains(act) ? activations.indexOf(act) : activations.size())
                .thenComparing(act -> act);
        Map<String, Map<String, java.util.SortedSet<Integer>>> seeds = new TreeMap<>();
        for (LossLandscape.Surface s : surfaces) {
            seeds.computeIfAbsent(s.architecture(), a -> new TreeMap<>(order))
                    .computeIfAbsent(s.activation(), a -> new java.util.TreeSet<>()).add(s.seed());
        }
        return "loss surfaces (mish landscape): " + surfaces.size() + " stored: " + seeds.entrySet().stream()
                .map(arch -> arch.getKey() + " (" + arch.getValue().entrySet().stream()
                        .map(act -> act.getKey() + (act.getValue().size() == 1 ? " seed " : " seeds ")
                                + ranges(act.getValue()))
                        .collect(Collectors.joining("; ")) + ")")
                .collect(Collectors.joining(", "));
    }

    /** Whole numbers as ranges: 0, 1, 2, 4 is "0-2, 4". */
    static String ranges(java.util.SortedSet<Integer> values) {
        int[] v = values.stream().mapToInt(Integer::intValue).toArray();
        List<String> out = new ArrayList<>();
        for (int i = 0, j; i < v.length; i = j + 1) {
            for (j = i; j + 1 < v.length && v[j + 1] == v[j] + 1; j++) {
                // extend the run of consecutive values
            }
            out.add(i == j ? String.valueOf(v[i]) : v[i] + "-" + v[j]);
        }
        return String.join(", ", out);
    }

    /** The folder itself if it holds a grid, else its subfolders that do, sorted. */
    private static List<Path> grids(Path folder) {
        if (Files.isRegularFile(folder.resolve("grid.json"))) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(c -> Files.isRegularFile(c.resolve("grid.json"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + folder + ": " + e.getMessage(), e);
        }
    }
}
