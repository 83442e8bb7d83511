package io.github.mishdjl.stats;

import io.github.mishdjl.train.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;

/** Per-activation summaries of finished runs: the final test accuracy in %, diverged runs left out. */
@NullMarked
public final class Summaries {

    private Summaries() {}

    /** Groups the finished runs of one architecture by activation, in first-seen order. */
    public static List<Summary> of(List<RunResult> results, String architecture) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        for (RunResult r : results) {
            if (r.spec().architecture().equals(architecture) && !r.diverged() && !r.history().isEmpty()) {
                groups.computeIfAbsent(r.spec().activation(), k -> new ArrayList<>()).add(100 * r.finalTestAccuracy());
            }
        }
        List<Summary> out = new ArrayList<>();
        groups.forEach((name, values) -> out.add(Summary.of(name, values.stream().mapToDouble(Double::doubleValue)
                .toArray())));
        return out;
    }

    /**
     * The (architecture, activation, seed) cells that hold more than one run: runs of different protocols mixed in
     * one folder. Pooling them would count one seed twice and shrink every p-value, so reports and statistics flag
     * them (and merge warns when it creates them).
     *
     * @return one line per such cell, e.g. {@code resnet20 / mish / seed 0: 2 runs (resnet20_mish_s0_..., ...)}
     */
    public static List<String> duplicates(List<RunResult> results) {
        Map<String, List<String>> cells = new LinkedHashMap<>();
        for (RunResult r : results) {
            cells.computeIfAbsent(r.spec().architecture() + " / " + r.spec().activation() + " / seed "
                    + r.spec().seed(), k -> new ArrayList<>()).add(r.id());
        }
        List<String> out = new ArrayList<>();
        cells.forEach((cell, ids) -> {
            if (ids.size() > 1) {
                out.add(cell + ": " + ids.size() + " runs (" + String.join(", ", ids) + ")");
            }
        });
        return out;
    }

    /** The architectures present in the results, in first-seen order. */
    public static List<String> architectures(List<RunResult> results) {
        List<String> names = new ArrayList<>();
        for (RunResult r : results) {
            if (!names.contains(r.spec().architecture())) {
                names.add(r.spec().architecture());
            }
        }
        return names;
    }
}
