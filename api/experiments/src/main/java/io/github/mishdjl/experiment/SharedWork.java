package io.github.mishdjl.experiment;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.NullMarked;

/**
 * Works through units of work (runs, loss surfaces) that other processes on the same results folder may share, each
 * done under its {@link RunClaim}: a unit another process holds is left to it, and one whose holder then ends
 * without releasing its claim (killed, out of memory) is taken over at the end of the pass, rather than left for the
 * next start. A unit still held at the end stays with its holder; one its holder released unfinished (an error, or
 * it gave up, say on a retraining that did not reproduce, which this process would likely repeat) is left alone too,
 * and said so ({@link Job#givenUp}).
 */
@NullMarked
public final class SharedWork {

    /** What is done with each unit; the label ({@code "[3/30] "}) begins the unit's log lines. */
    public interface Job<T> {
        /** The claim's key in the folder (a file name). */
        String key(T unit);

        /** Whether the unit is finished, asked before claiming it and again under the claim. */
        boolean finished(T unit);

        /**
         * The unit was found finished in its turn: before this call, or by another process between the look and
         * the claim.
         */
        void skip(T unit, String label);

        /** Does the unit, under its claim. */
        void run(T unit, String label);

        /** Another process holds the unit ({@code holder} as {@link ResultsStore#claimHolder} names it). */
        void leftTo(T unit, String label, String holder);

        /** A unit left to another process was found finished by it at the end of the pass. */
        default void finishedByHolder(T unit) {}

        /**
         * A unit left to another process was released by it unfinished (an error, or it gave up, say on a retraining
         * that did not reproduce its record): nobody works on it now, and this process leaves it too.
         */
        default void givenUp(T unit) {}
    }

    /** The label of a unit taken over from a holder that ended without releasing it. */
    public static final String TAKING_OVER = "[taking over: its holder was killed before finishing it] ";

    private SharedWork() {}

    /**
     * Does every unit nobody else holds, in order, then takes over those whose holders ended meanwhile without
     * releasing them (again while that took something: a second holder may end while the first is taken over).
     *
     * @return the units still held by other processes at the end, unfinished (those whose holders ended without
     *     releasing them are taken over here; those released unfinished go to {@link Job#givenUp})
     */
    public static <T> List<T> run(ResultsStore store, List<T> units, Job<T> job) {
        List<T> left = new ArrayList<>();
        int at = 0;
        for (T unit : units) {
            String label = "[" + ++at + "/" + units.size() + "] ";
            if (job.finished(unit)) {
                job.skip(unit, label);
            } else if (!tryRun(store, unit, label, false, job)) { // false: held by another process
                job.leftTo(unit, label, store.claimHolder(job.key(unit)).orElse("another process"));
                left.add(unit);
            }
        }
        boolean tookOver = true;
        while (tookOver && !left.isEmpty()) {
            tookOver = false;
            for (Iterator<T> it = left.iterator(); it.hasNext(); ) {
                T unit = it.next();
                if (job.finished(unit)) {
                    it.remove();
                    job.finishedByHolder(unit);
                } else if (store.claimAbandoned(job.key(unit))) {
                    if (tryRun(store, unit, TAKING_OVER, true, job)) {
                        it.remove();
                        tookOver = true;
                    }
                } else if (store.claimReleased(job.key(unit))) {
                    it.remove();
                    // a holder stores its work before it releases the claim: asked again, in case that came between
                    if (job.finished(unit)) {
                        job.finishedByHolder(unit);
                    } else {
                        job.givenUp(unit);
                    }
                }
            }
        }
        return left;
    }

    /** Runs the unit under its claim; false if another process holds it. */
    private static <T> boolean tryRun(ResultsStore store, T unit, String label, boolean takingOver, Job<T> job) {
        try (RunClaim claim = store.tryClaim(job.key(unit))) {
            if (claim == null) {
                return false;
            }
            if (job.finished(unit)) { // finished by another process between the look and the claim
                if (takingOver) {
                    job.finishedByHolder(unit);
                } else {
                    job.skip(unit, label);
                }
            } else {
                job.run(unit, label);
            }
            return true;
        }
    }
}
