package io.github.mishdjl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A DJL optimiser whose whole state (per-parameter buffers such as SGD's momentum or Adam's moments, and the
 * update count that drives bias correction and the learning-rate schedule) saves with a checkpoint and loads
 * back, so that a resumed run continues exactly where it stopped. DJL's own optimisers keep that state private.
 *
 * <p>State is keyed by each parameter's path in the block ({@link #bind(Block)}), not by DJL's per-instance
 * parameter ids, which a rebuilt network does not share. With several devices every device holds its own copy
 * of the state (they stay equal: each device applies the same aggregated gradient); one copy is saved.
 */
@NullMarked
public abstract class ResumableOptimizer extends Optimizer {

    private static final Gson GSON = new Gson();
    private static final String ARRAYS = "optimizer.ndlist";
    private static final String COUNTS = "optimizer.json";

    private final Tracker learningRate;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Map<Device, NDArray>> state = new LinkedHashMap<>();
    private float lastLearningRate = Float.NaN;

    /** A minimal builder for the base class (rescale 1, no clipping, weight decay handled by subclasses). */
    private static final class Base extends OptimizerBuilder<Base> {
        @Override
        protected Base self() {
            return this;
        }
    }

    protected ResumableOptimizer(Tracker learningRate) {
        super(new Base());
        this.learningRate = learningRate;
    }

    /** Names every parameter of {@code block} by its path, so state can be saved and found again. */
    public void bind(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            names.put(p.getValue().getId(), p.getKey());
        }
    }

    /** The learning rate of the most recent update (NaN before the first). */
    public float lastLearningRate() {
        return lastLearningRate;
    }

    /** Updates done so far (for every parameter alike). */
    public int steps() {
        return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        String name = names.getOrDefault(parameterId, parameterId);
        int step = counts.merge(name, 1, Integer::sum); // 1 on the first update
        float rate = learningRate.getNewValue(step - 1);
        lastLearningRate = rate;
        List<NDArray> temporaries = new ArrayList<>();
        // The update works on a detached view of the weight (same storage): autograd neither records it nor
        // refuses it, whatever the calling thread's grad mode (a fresh thread, e.g. a notebook cell's, starts
        // with recording on, and DJL's collector restores the mode it found).
        try (NDArray detached = weight.stopGradient()) {
            apply(name, step, rate, detached, grad, temporaries);
        } finally {
            temporaries.forEach(NDArray::close);
        }
        // PyTorch accumulates gradients until they are zeroed, and nothing else in DJL's step zeroes them (its own
        // optimisers do it inside their fused kernels): the next step must start from zero.
        if (weight.hasGradient()) {
            try (NDArray own = weight.getGradient()) {
                own.muli(0);
            }
        }
    }

    /**
     * One update of one parameter, in place on {@code weight}.
     *
     * @param name the parameter's path
     * @param step 1 on the first update
     * @param rate the learning rate for this update
     * @param weight updated in place
     * @param grad its gradient (left unchanged)
     * @param temporaries every intermediate array made here goes in, to be closed after the update
     */
    protected abstract void apply(String name, int step, float rate, NDArray weight, NDArray grad,
            List<NDArray> temporaries);

    /** {@code grad + weightDecay * weight} (L2 decay added to the gradient, as PyTorch's SGD and Adam do it). */
    protected static NDArray decayed(NDArray weight, NDArray grad, float weightDecay, List<NDArray> temporaries) {
        if (weightDecay == 0) {
            return grad;
        }
        NDArray decay = weight.mul(weightDecay);
        temporaries.add(decay);
        NDArray g = grad.add(decay);
        temporaries.add(g);
        return g;
    }

    /** The state buffer {@code slot} of a parameter on the weight's device, zeros at first. */
    protected NDArray buffer(String name, String slot, NDArray weight) {
        Map<Device, NDArray> copies = state.computeIfAbsent(name + "/" + slot, k -> new LinkedHashMap<>());
        NDArray existing = copies.get(weight.getDevice());
        if (existing == null) {
            NDArray saved = copies.values().stream().findFirst().orElse(null);
            existing = saved != null ? saved.toDevice(weight.getDevice(), true) : weight.zerosLike();
            existing.attach(weight.getManager());
            copies.put(weight.getDevice(), existing);
        }
        return existing;
    }

    /** Writes the state into {@code dir} (two files, written whole before the checkpoint folder is moved in). */
    public void save(Path dir) throws IOException {
        NDList arrays = new NDList();
        for (Map.Entry<String, Map<Device, NDArray>> e : state.entrySet()) {
            NDArray first = e.getValue().values().iterator().next();
            NDArray copy = first.duplicate();
            copy.setName(e.getKey());
            arrays.add(copy);
        }
        try {
            // An optimiser without buffers (plain SGD) writes an empty file: DJL cannot decode an empty list.
            Files.write(dir.resolve(ARRAYS), arrays.isEmpty() ? new byte[0] : arrays.encode());
        } finally {
            arrays.close();
        }
        Files.writeString(dir.resolve(COUNTS), GSON.toJson(counts), StandardCharsets.UTF_8);
    }

    /**
     * Reads the state written by {@link #save(Path)}.
     *
     * @param dir the checkpoint folder
     * @param manager owns the loaded arrays (the model's manager)
     * @throws IOException if the files are missing or unreadable
     */
    public void load(Path dir, NDManager manager) throws IOException {
        Map<String, Integer> saved = GSON.fromJson(Files.readString(dir.resolve(COUNTS), StandardCharsets.UTF_8),
                new TypeToken<Map<String, Integer>>() { }.getType());
        counts.clear();
        counts.putAll(saved);
        state.values().forEach(copies -> copies.values().forEach(NDArray::close));
        state.clear();
        byte[] bytes = Files.readAllBytes(dir.resolve(ARRAYS));
        NDList arrays = bytes.length == 0 ? new NDList() : NDList.decode(manager, bytes);
        for (NDArray array : arrays) {
            Map<Device, NDArray> copies = new LinkedHashMap<>();
            copies.put(array.getDevice(), array);
            state.put(array.getName(), copies);
        }
    }

    /** For tests: a state buffer by key ({@code <parameter path>/<slot>}), or null. */
    @Nullable NDArray stateOf(String key) {
        Map<Device, NDArray> copies = state.get(key);
        return copies == null ? null : copies.values().iterator().next();
    }

    /** SGD or Adam as the protocol asks, with its schedule. */
    public static ResumableOptimizer of(Protocol p, Tracker schedule) {
        return p.optimizer().equals("sgd") ? new SgdOptimizer(schedule, (float) p.momentum(), (float) p.weightDecay())
                : new AdamOptimizer(schedule, (float) p.weightDecay());
    }
}
