package io.github.mishdjl.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import io.github.mishdjl.activation.Activations;
import io.github.mishdjl.data.ImageSet;
import io.github.mishdjl.train.Protocol;
import io.github.mishdjl.train.RunSpec;
import io.github.mishdjl.zoo.Architecture;
import io.github.mishdjl.zoo.Zoo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loss surface against independent recomputation: the centre is the network's own loss, a corner is the loss
 * of the weights moved by hand along the same directions (cross-entropy recomputed in float64 from the logits), the
 * directions are filter-normalised, and the network's parameters come back unchanged.
 */
class LossLandscapeTest {

    private static final String ARCH = "deep-dense-3";

    private static ImageSet images(int n) {
        Random random = new Random(3);
        byte[][] pixels = new byte[n][28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            random.nextBytes(pixels[i]);
            labels[i] = i % 10;
        }
        return new ImageSet("noise", pixels, labels, 1, 28, 28, 10);
    }

    /** Mean cross-entropy and accuracy, in float64 from the logits, with the protocol's normalisation. */
    private static double[] byHand(Model model, ImageSet set, Protocol p) {
        Architecture arch = Zoo.get(ARCH);
        Shape input = arch.getInputShape();
        double loss = 0;
        int correct = 0;
        try (NDManager m = model.getNDManager().newSubManager()) {
            ParameterStore store = new ParameterStore(m, false);
            for (int i = 0; i < set.size(); i++) {
                float[] x = new float[(int) input.size()];
                int h = (int) input.get(1);
                int w = (int) input.get(2);
                int top = (h - 28) / 2;
                int left = (w - 28) / 2;
                byte[] px = set.image(i);
                for (int c = 0; c < input.get(0); c++) {
                    for (int y = 0; y < 28; y++) {
                        for (int xx = 0; xx < 28; xx++) {
                            x[(int) (c * h * w + (y + top) * w + xx + left)] =
                                    (float) (((px[y * 28 + xx] & 0xff) / 255f - p.mean()) / p.std());
                        }
                    }
                }
                NDArray logits = model.getBlock().forward(store, new NDList(m.create(x, new Shape(1).addAll(input))),
                        false).singletonOrThrow();
                float[] z = logits.toFloatArray();
                double max = Double.NEGATIVE_INFINITY;
                int best = 0;
                for (int k = 0; k < z.length; k++) {
                    if (z[k] > max) {
                        max = z[k];
                        best = k;
                    }
                }
                double sum = 0;
                for (float v : z) {
                    sum += Math.exp(v - max);
                }
                loss += -(z[set.label(i)] - max - Math.log(sum));
                correct += best == set.label(i) ? 1 : 0;
            }
        }
        return new double[] {loss / set.size(), (double) correct / set.size()};
    }

    @Test
    void centreCornerDirectionsAndRestoredWeights(@TempDir Path dir) throws Exception {
        Protocol p = io.github.mishdjl.experiment.RecordedProtocols.FIG_5A.protocol();
        RunSpec spec = new RunSpec(ARCH, "mish", 0, p);
        ImageSet set = images(48);
        Architecture arch = Zoo.get(ARCH);
        try (Model model = Model.newInstance("t")) {
            model.setBlock(arch.build(Activations.get("mish")));
            model.getBlock().setInitializer(new NormalInitializer(0.05f), Parameter.Type.WEIGHT);
            model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                    new Shape(1).addAll(arch.getInputShape()));
            List<float[]> before = new ArrayList<>();
            List<String> rowsTold = new ArrayList<>();
            for (Pair<String, Parameter> param : model.getBlock().getParameters()) {
                before.add(param.getValue().getArray().toFloatArray());
            }
            LossLandscape.Surface s = LossLandscape.compute(spec, model.getBlock(), model.getNDManager(),
                    arch.newLoss(), set, 3, 1.0, 11, (done, rows) -> rowsTold.add(done + "/" + rows));
            assertEquals(List.of("1/3", "2/3", "3/3"), rowsTold, "progress after every row");
            assertArrayEquals(new double[] {-1, 0, 1}, s.coordinates());
            double[] centre = byHand(model, set, p);
            assertEquals(centre[0], s.centreLoss(), 1e-4 * Math.max(1, centre[0]), "the trained weights' own loss");
            assertEquals(centre[1], s.accuracy()[1][1], 1e-9);
            int k = 0;
            for (Pair<String, Parameter> param : model.getBlock().getParameters()) {
                assertArrayEquals(before.get(k++), param.getValue().getArray().toFloatArray(), param.getKey()
                        + " restored bit for bit");
            }
            // a = 1, b = 0 by hand: the same directions drawn again, the weights moved, the loss recomputed
            Random random = new Random(11);
            List<NDArray> original = new ArrayList<>();
            try (NDManager m = model.getNDManager().newSubManager()) {
                for (Pair<String, Parameter> param : model.getBlock().getParameters()) {
                    NDArray w = param.getValue().getArray();
                    NDArray d1 = LossLandscape.direction(w, random, m);
                    NDArray d2 = LossLandscape.direction(w, random, m);
                    checkFilterNorms(param.getKey(), w, d1);
                    checkFilterNorms(param.getKey(), w, d2);
                    NDArray copy = w.duplicate();
                    copy.attach(m);
                    original.add(copy);
                    w.addi(d1);
                }
                double[] corner = byHand(model, set, p);
                assertEquals(corner[0], s.loss()[2][1], 1e-4 * Math.max(1, corner[0]), "L(theta + d1)");
                assertTrue(Math.abs(s.loss()[2][1] - s.centreLoss()) > 1e-3, "moving the weights moves the loss");
                k = 0;
                for (Pair<String, Parameter> param : model.getBlock().getParameters()) {
                    param.getValue().getArray().set(new ai.djl.ndarray.index.NDIndex("..."), original.get(k++));
                }
            }
            Path saved = LossLandscape.save(dir, s);
            assertTrue(saved.startsWith(LossLandscape.folder(dir)));
            LossLandscape.Surface back = LossLandscape.load(dir).get(0);
            assertEquals(s.run(), back.run());
            assertArrayEquals(s.loss()[2], back.loss()[2]);
            assertThrows(IllegalArgumentException.class, () -> LossLandscape.compute(spec, model.getBlock(),
                    model.getNDManager(), arch.newLoss(), set, 4, 1.0, 11, LossLandscape.RowProgress.NONE), "even resolution");
        }
    }

    /** Each filter of d has the norm of the same filter of w; one-dimensional parameters get no direction. */
    private static void checkFilterNorms(String name, NDArray w, NDArray d) {
        float[] dv = d.toFloatArray();
        if (w.getShape().dimension() < 2) {
            for (float v : dv) {
                assertEquals(0f, v, name + ": biases and batch norm stay put");
            }
            return;
        }
        float[] wv = w.toFloatArray();
        int filters = (int) w.getShape().get(0);
        int per = wv.length / filters;
        for (int f = 0; f < filters; f++) {
            double dn = 0;
            double wn = 0;
            for (int i = f * per; i < (f + 1) * per; i++) {
                dn += (double) dv[i] * dv[i];
                wn += (double) wv[i] * wv[i];
            }
            assertEquals(Math.sqrt(wn), Math.sqrt(dn), 1e-4 * Math.sqrt(wn) + 1e-7, name + " filter " + f);
        }
    }

    /** The rise and the share below a multiple of the centre, on a 3 x 3 plane worked by hand. */
    @Test
    void riseAndShareBelowByHand() {
        double[][] loss = {{4, 2, 5}, {3, 1, 2}, {Double.POSITIVE_INFINITY, 2, 3}};
        LossLandscape.Surface s = new LossLandscape.Surface("r", "net", "mish", 0, new double[] {-1, 0, 1}, loss,
                new double[3][3], 10, 1, 1, java.util.Map.of());
        assertEquals(0, s.meanRise(0.5), 1e-12, "only the centre within 0.5");
        // the overflowed corner counts as the largest finite loss, 5: rises 3 1 4 2 0 1 4 1 2 -> 18 / 9
        assertEquals(2, s.meanRise(1), 1e-12);
        assertEquals(4 / 9.0, s.shareBelow(2.5), 1e-12, "the centre (1) and the three 2s are below 2.5");
    }
}
