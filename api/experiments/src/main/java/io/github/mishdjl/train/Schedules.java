package io.github.mishdjl.train;

import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/** Learning-rate schedules over optimiser updates, from a protocol. */
@NullMarked
public final class Schedules {

    private Schedules() {}

    /**
     * The learning rate as a function of the update count.
     *
     * @param protocol base rate, schedule and milestones (in epochs)
     * @param stepsPerEpoch optimiser updates per epoch
     * @return a DJL tracker
     */
    public static Tracker of(Protocol protocol, int stepsPerEpoch) {
        float base = (float) protocol.learningRate();
        int total = Math.max(1, protocol.epochs() * stepsPerEpoch);
        switch (protocol.schedule()) {
            case "none":
                return Tracker.fixed(base);
            case "step":
                return step(protocol.learningRate(), protocol.milestones(), stepsPerEpoch);
            case "cosine":
                return Tracker.cosine().setBaseValue(base).optFinalValue(0f).setMaxUpdates(total).build();
            case "onecycle":
                return oneCycle(base, total);
            default:
                throw new IllegalArgumentException("Unknown schedule " + protocol.schedule());
        }
    }

    /**
     * PyTorch's MultiStepLR with gamma 0.1, stepped once per epoch: the rate is the base times 0.1 for each milestone
     * epoch already finished, so update {@code u} (from 0) of epoch {@code u / stepsPerEpoch + 1} uses the base until
     * {@code milestone * stepsPerEpoch} updates are done. (DJL's MultiFactorTracker refuses a single milestone.)
     */
    static Tracker step(double base, List<Integer> milestones, int stepsPerEpoch) {
        return numUpdate -> {
            int passed = 0;
            for (int m : milestones) {
                if (numUpdate >= (long) m * stepsPerEpoch) {
                    passed++;
                }
            }
            return (float) (base * Math.pow(0.1, passed));
        };
    }

    /**
     * Smith's one-cycle: from base/25 up to base over the first 30% of updates (cosine), then down to base/25/1e4
     * (cosine): PyTorch's OneCycleLR with its defaults (div_factor 25, final_div_factor 1e4, pct_start 0.3, cos),
     * except that its peak falls one update earlier (at 0.3 total - 1).
     */
    static Tracker oneCycle(float base, int total) {
        int up = Math.max(1, (int) (0.3 * total));
        float start = base / 25;
        float end = start / 1e4f;
        return numUpdate -> {
            if (numUpdate <= up) {
                return cosine(start, base, numUpdate / (float) up);
            }
            return cosine(base, end, Math.min(1f, (numUpdate - up) / (float) Math.max(1, total - up)));
        };
    }

    private static float cosine(float from, float to, float progress) {
        return (float) (to + (from - to) * (1 + Math.cos(Math.PI * progress)) / 2);
    }
}
