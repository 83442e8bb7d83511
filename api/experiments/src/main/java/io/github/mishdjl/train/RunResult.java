package io.github.mishdjl.train;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A finished run: its spec, how it ended, its per-epoch history, and the environment it ran in.
 *
 * @param id the spec's identifier
 * @param spec what was trained
 * @param status {@code finished} or {@code diverged} (NaN or infinite loss; the history stops there)
 * @param history one entry per completed epoch
 * @param parameters trainable parameters of the network
 * @param dataSource where the data came from
 * @param environment engine, device, threads, machine, versions
 * @param wallSeconds total wall time, resumed parts included
 * @param note why a run diverged, or null
 * @param resumedAfter the epochs after which the run was interrupted and resumed from its checkpoint (empty: it ran
 *     in one go; null in runs stored before this was recorded)
 */
@NullMarked
public record RunResult(String id, RunSpec spec, String status, List<EpochStats> history, long parameters,
        String dataSource, Map<String, String> environment, double wallSeconds, @Nullable String note,
        @Nullable List<Integer> resumedAfter) {

    /** The final epoch's test accuracy (the number the paper reports), NaN if no epoch finished. */
    public double finalTestAccuracy() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testAccuracy();
    }

    /** The final epoch's test loss, NaN if no epoch finished. */
    public double finalTestLoss() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).testLoss();
    }

    public boolean diverged() {
        return "diverged".equals(status);
    }
}
