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
        assertEquals(0f, t.getNewValue(200), 1e-6);
    }

    @Test
    void oneCycleRisesToTheBaseThenFalls() {
        Tracker t = Schedules.of(protocol("onecycle", List.of()), 10);
        assertEquals(0.1f / 25, t.getNewValue(0), 1e-7);
        assertEquals(0.1f, t.getNewValue(60), 1e-6); // the peak at 30% of 200 updates
        assertTrue(t.getNewValue(130) < 0.1f && t.getNewValue(130) > t.getNewValue(190));
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
