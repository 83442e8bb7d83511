package io.github.mishdjl.cli;

import io.github.mishdjl.experiment.GridStatus;
import io.github.mishdjl.experiment.ResultsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
                + "level or initialiser) shows each. Reads only; safe while the grid runs.")
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
            List<String> lines = GridStatus.of(new ResultsStore(folder)).lines();
            System.out.println(folder + ": " + lines.get(0));
            lines.subList(1, lines.size()).forEach(System.out::println);
        }
        return 0;
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
