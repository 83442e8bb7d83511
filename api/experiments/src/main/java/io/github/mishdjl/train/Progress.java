package io.github.mishdjl.train;

import org.jspecify.annotations.NullMarked;

/** Receives a run's progress; the command line shows a bar on a terminal and a line per epoch in logs. */
@NullMarked
public interface Progress {

    /** Nothing to show. */
    Progress NONE = new Progress() { };

    /** A run starts (or resumes at {@code firstEpoch}). */
    default void runStarted(RunSpec spec, int firstEpoch, int batchesPerEpoch) {}

    /** The trainer is ready; {@code manager} owns the model's arrays (tests watch it stay flat). */
    default void trainerReady(ai.djl.ndarray.NDManager manager) {}

    /** A training batch finished. */
    default void batchFinished(int epoch, int batch, int batches, double loss) {}

    /** An epoch finished, evaluation included. */
    default void epochFinished(RunSpec spec, EpochStats stats) {}

    /** Where an epoch's time went (called just before {@link #epochFinished}). */
    default void epochTimed(RunSpec spec, int epoch, EpochTiming timing) {}

    /** The run ended (finished or diverged). */
    default void runFinished(RunResult result) {}
}
