package io.github.mishdjl.cli;

import io.github.mishdjl.experiment.ResultsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mish merge}: combine the results folders of shards. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Copy the finished runs of shard folders, and their grids (baseline, planned activations), into one "
                + "results folder (duplicate runs are skipped; grids with different baselines are refused).")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "Results folders to merge.")
    List<Path> shards;

    @Option(names = "--out", required = true, description = "The combined results folder.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (Path shard : shards) {
            if (!Files.isDirectory(shard.resolve("runs"))) {
                throw new ParameterException(spec.commandLine(), shard + " is not a results folder of `mish compare` "
                        + (Files.exists(shard) ? "(it has no runs/ folder)" : "(it does not exist)")
                        + "; nothing was merged");
            }
        }
        ResultsStore store = new ResultsStore(out);
        int added;
        try {
            added = store.merge(shards);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "the folders disagree: " + e.getMessage()
                    + "; nothing was merged");
        }
        for (String cell : io.github.mishdjl.stats.Summaries.duplicates(store.all())) {
            System.err.println("warning: " + out + " now holds more than one run for " + cell + " (different "
                    + "protocols): statistics of this folder would count those seeds twice");
        }
        System.out.println(added + " runs added; " + store.all().size() + " in " + out.toAbsolutePath());
        return 0;
    }
}
