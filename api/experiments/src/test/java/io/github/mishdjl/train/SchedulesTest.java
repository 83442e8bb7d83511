package io.github.mishdjl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import io.github.mishdjl.data.Augmentation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Learning-rate schedules against their definitions, with 10 updates per epoch. */
class SchedulesTest {

    static Protocol protocol(String schedule, List<Integer> milestones) {
        return new Protocol("cifar10", 20, 128, "sgd", 0.1, 0.9, 5e-4, schedule, milestones, Augmentation.NONE, 1, 1,
                0.5, 0.5);
    }

    @Test
    void stepDropsTenfoldAtEachMilestone() {
        Tracker t = Schedules.of(protocol("step", List.of(10, 15)), 10);
        assertEquals(0.1f, t.getNewValue(0), 1e-7);
        assertEquals(0.1f, t.getNewValue(99), 1e-7);
        assertEquals(0.01f, t.getNewValue(101), 1e-7);
        assertEquals(0.001f, t.getNewValue(151), 1e-7);
    }

    @Test
    void cosineFallsFromTheBaseToZero() {
        Tracker t = Schedules.of(protocol("cosine", List.of()), 10);
        assertEquals(0.1f, t.getNewValue(0), 1e-6);
        assertEquals(0.05f, t.getNewValue(100), 1e-3);
        // a quarter of the way: 0.1 (1 + cos(pi/4)) / 2 = 0.085355 (a straight line would give 0.075)
        assertEquals(0.1 * (1 + Math.cos(Math.PI / 4)) / 2, t.getNewValue(50), 1e-6);
        assertEquals(0.1 * (1 + Math.cos(3 * Math.PI / 4)) / 2, t.getNewValue(150), 1e-6);
        assertEquals(0f, t.getNewValue(200), 1e-6);
    }

    @Test
    void oneCycleRisesToTheBaseThenFalls() {
        Tracker t = Schedules.of(protocol("onecycle", List.of()), 10);
        assertEquals(0.1f / 25, t.getNewValue(0), 1e-7);
        assertEquals(0.1f, t.getNewValue(60), 1e-6); // the peak at 30% of 200 updates
        assertTrue(t.getNewValue(130) < 0.1f && t.getNewValue(130) > t.getNewValue(190));
        // cosine halves, written out (PyTorch's OneCycleLR: end + (start - end) (1 + cos(pi p)) / 2 within a phase):
        // a quarter of the rise (update 15 of 60) is 0.004 + 0.096 (1 - cos(pi/4)) / 2 = 0.018059, where a straight
        // line would give 0.028; a quarter of the fall (update 95: 35 of 140) 0.085356, not 0.075
        double start = 0.1 / 25;
        double end = start / 1e4;
        assertEquals(start + (0.1 - start) * (1 - Math.cos(Math.PI / 4)) / 2, t.getNewValue(15), 1e-6);
        assertEquals(end + (0.1 - end) * (1 + Math.cos(Math.PI / 4)) / 2, t.getNewValue(95), 1e-6);
        assertEquals(end + (0.1 - end) * (1 + Math.cos(3 * Math.PI / 4)) / 2, t.getNewValue(165), 1e-6);
        assertEquals(0.1f / 25 / 1e4f, t.getNewValue(200), 1e-9);
    }

    @Test
    void protocolsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> protocol("triangle", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Protocol("cifar10", 0, 128, "sgd", 0.1, 0.9, 0, "none",
                List.of(), Augmentation.NONE, 1, 1, 0.5, 0.5));
        assertEquals(List.of(5, 7), protocol("step", List.of(10, 15)).withEpochs(10).milestones());
    }
}
