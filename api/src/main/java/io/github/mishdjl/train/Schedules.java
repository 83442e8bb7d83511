package io.github.mishdjl.train;

import ai.djl.training.tracker.Tracker;
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
                if (protocol.milestones().isEmpty()) {
                    return Tracker.fixed(base);
                }
                return Tracker.multiFactor().setBaseValue(base)
                        .setSteps(protocol.milestones().stream().mapToInt(m -> m * stepsPerEpoch).toArray())
                        .optFactor(0.1f).build();
            case "cosine":
                return Tracker.cosine().setBaseValue(base).optFinalValue(0f).setMaxUpdates(total).build();
            case "onecycle":
                return oneCycle(base, total);
            default:
                throw new IllegalArgumentException("Unknown schedule " + protocol.schedule());
        }
    }

    /**
     * Smith's one-cycle: from base/25 up to base over the first 30% of updates (cosine), then down to base/1e4
     * (cosine), as PyTorch's OneCycleLR does by default.
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
