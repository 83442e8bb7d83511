package io.github.mishdjl.experiment;

import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;

/**
 * A grid of runs: architectures x activations x seeds, each architecture with its protocol. Its runs come in
 * a fixed order, architecture by architecture and within one seed by seed, every activation of a seed before the
 * next seed: a grid stopped part-way (long grids run over several sessions) leaves complete paired sets, which
 * paired statistics can use. The order is deterministic, so {@link #shard(int, int)} gives every worker a
 * disjoint slice.
 *
 * @param name the preset or a description, for reports
 * @param protocols the protocol of each architecture, in report order
 * @param activations registry names, the first is the baseline of the statistics
 * @param seeds how many seeds (0 .. seeds-1)
 * @param plannedSeeds the seeds a results folder's grid had when it was extended to more after runs had finished
 *     there (their verdicts reported: the extended sample is a second look, see {@code Report.extendedBeyond}); 0
 *     when it never was
 */
@NullMarked
public record Grid(String name, Map<String, Protocol> protocols, List<String> activations, int seeds,
        int plannedSeeds) {

    public Grid {
        // one spelling per name, the registries' own (as `mish compare` spells them): names are part of run keys, so
        // "Mish" and "mish" must be one run, and the baseline must be found by name
        java.util.LinkedHashMap<String, Protocol> spelled = new java.util.LinkedHashMap<>();
        protocols.forEach((arch, protocol) -> {
            if (spelled.put(io.github.mishdjl.zoo.Zoo.normalise(arch), protocol) != null) {
                throw new IllegalArgumentException("the grid names network '" + arch + "' twice (spelled two ways): "
                        + "give each network once");
            }
        });
        protocols = java.util.Collections.unmodifiableMap(spelled);
        activations = activations.stream().map(io.github.mishdjl.activation.Activations::spelling).toList();
        if (new java.util.HashSet<>(activations).size() < activations.size()) {
            throw new IllegalArgumentException("the grid names an activation twice: " + activations + "; give each once");
        }
        if (protocols.isEmpty() || activations.isEmpty() || seeds < 1) {
            throw new IllegalArgumentException("a grid needs architectures (got " + protocols.size() + "), "
                    + "activations (got " + activations.size() + ") and at least one seed (got " + seeds + ")");
        }
        if (plannedSeeds < 0 || plannedSeeds > seeds) {
            throw new IllegalArgumentException("plannedSeeds must be 0 (never extended) or at most seeds " + seeds
                    + ", got " + plannedSeeds);
        }
    }

    /** A grid as planned: never extended after runs finished. */
    public Grid(String name, Map<String, Protocol> protocols, List<String> activations, int seeds) {
        this(name, protocols, activations, seeds, 0);
    }

    /** The activation every other is compared against: the first. */
    public String baseline() {
        return activations.get(0);
    }

    /** Every run: architectures in the grid's order, then seeds, then activations in the grid's order. */
    public List<RunSpec> runs() {
        List<RunSpec> runs = new ArrayList<>();
        for (Map.Entry<String, Protocol> arch : protocols.entrySet()) {
            for (int seed = 0; seed < seeds; seed++) {
                for (String activation : activations) {
                    runs.add(new RunSpec(arch.getKey(), activation, seed, arch.getValue()));
                }
            }
        }
        return runs;
    }

    /**
     * The runs of worker {@code index} out of {@code count}: every count-th run from position index.
     *
     * @param index from 0
     * @param count workers in all
     * @return the slice (disjoint across workers; together they are the grid)
     */
    public List<RunSpec> shard(int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be I/N with 0 <= I < N, got " + index + "/" + count);
        }
        List<RunSpec> all = runs();
        List<RunSpec> mine = new ArrayList<>();
        for (int i = index; i < all.size(); i += count) {
            mine.add(all.get(i));
        }
        return mine;
    }
}
