package io.github.mishdjl.cli;

import io.github.mishdjl.experiment.ResultsStore;
import io.github.mishdjl.report.Report;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mish report}: the HTML and Markdown report of a results folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write report.html (self-contained, inline SVG charts) and report.md for a results folder.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULTS_DIR", description = "A results folder of `mish compare`.")
    Path resultsDir;

    @Option(names = "--out", description = "Where to write the report (default: RESULTS_DIR).")
    @Nullable Path out;

    @Option(names = "--title", description = "The report's title (default: \"" + Report.TITLE + ": \" and the name of "
            + "the folder's grid where one is recorded, as `mish compare` writes it).")
    @Nullable String title;

    @Override
    public Integer call() {
        ResultsStore store = new ResultsStore(resultsDir);
        Path html = (title == null ? Report.of(store) : Report.of(store, title)).write(out != null ? out : resultsDir);
        System.out.println(html.toAbsolutePath());
        return 0;
    }
}
