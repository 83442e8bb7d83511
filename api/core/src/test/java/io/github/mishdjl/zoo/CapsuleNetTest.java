package io.github.mishdjl.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The capsule network's margin loss against its closed form (float64, by hand), and its layer's argument checks. */
class CapsuleNetTest {

    private static final double[][] LENGTHS = {{0.95, 0.2, 0.05}, {0.5, 0.7, 0.12}};
    private static final int[] CLASSES = {0, 1};

    /** T max(0, 0.9 - |v|)^2 + 0.5 (1 - T) max(0, |v| - 0.1)^2, summed over classes, averaged over examples. */
    private static double closedForm() {
        double total = 0;
        for (int n = 0; n < LENGTHS.length; n++) {
            for (int k = 0; k < LENGTHS[n].length; k++) {
                double v = LENGTHS[n][k];
                total += k == CLASSES[n] ? Math.pow(Math.max(0, 0.9 - v), 2) : 0.5 * Math.pow(Math.max(0, v - 0.1), 2);
            }
        }
        return total / LENGTHS.length;
    }

    @Test
    void labelsAsAVectorOrAColumnGiveTheClosedForm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray lengths = manager.create(new float[] {0.95f, 0.2f, 0.05f, 0.5f, 0.7f, 0.12f}, new Shape(2, 3));
            CapsuleNet.MarginLoss loss = new CapsuleNet.MarginLoss();
            for (Shape shape : new Shape[] {new Shape(2), new Shape(2, 1)}) {
                NDArray labels = manager.create(new float[] {CLASSES[0], CLASSES[1]}, shape);
                double got = loss.evaluate(new NDList(labels), new NDList(lengths)).getFloat();
                assertEquals(closedForm(), got, 1e-6, "labels of shape " + shape);
            }
        }
    }

    @Test
    void labelsOfAnotherShapeAreRefusedByName() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray lengths = manager.zeros(new Shape(2, 3));
            NDArray oneHot = manager.zeros(new Shape(2, 3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CapsuleNet.MarginLoss().evaluate(new NDList(oneHot), new NDList(lengths)));
            assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("one class index"), e.getMessage());
        }
    }

    @Test
    void aCapsuleLayerWithoutRoutingOrCapsulesIsRefusedWhenMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CapsuleLayer(2048, 8, 10, 16, 0));
        assertTrue(e.getMessage().contains("iterations must be >= 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CapsuleLayer(0, 8, 10, 16, 3));
    }
}
