package io.github.mishdjl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The epoch's timing summary: medians after the warm-up, and the epoch's cost over its steps. */
class EpochTimingTest {

    @Test
    void theMedianSkipsTheWarmUpAndAveragesTheMiddleTwoOfAnEvenCount() {
        // the first step (9 s) is warm-up; the other four sorted: 1, 2, 3, 4, so the median is 2.5, not 3
        EpochTiming t = new EpochTiming(new double[] {5, 0.1, 0.3, 0.2}, new double[] {9, 1, 3, 2, 4}, 1, 1, 15);
        assertEquals(2.5, t.medianStep(1), 1e-12);
        assertEquals(0.2, t.medianPrepare(1), 1e-12);
        // 15 s over 5 steps of 2.5 s
        assertEquals(1.2, t.overheadRatio(1), 1e-12);
        // an epoch shorter than the warm-up: every step counts
        assertEquals(3, t.medianStep(10), 1e-12);
        assertTrue(Double.isNaN(new EpochTiming(new double[0], new double[0], 0, 0, 0).medianStep(1)));
    }
}
