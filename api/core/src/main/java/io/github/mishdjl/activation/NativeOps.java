package io.github.mishdjl.activation;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * libtorch's fused activation kernels, reached from DJL through one-line TorchScript modules.
 *
 * <p>Each op is a module whose {@code forward(x)} returns one aten call, so forward and backward run the
 * fused kernels ({@code aten::mish} and {@code mish_backward} for Mish) and autograd saves only the input.
 * The parameter-free modules ship as classpath resources written by {@link TorchScriptArchive} (a test checks
 * the shipped bytes against it); parameterised ones ({@code celu:0.5}) are written in memory on first use.
 */
final class NativeOps {

    /** Where the shipped archives live on the classpath. */
    static final String RESOURCE_DIR = "/io/github/mishdjl/activation/torchscript/";

    static final NativeOp MISH = new NativeOp("mish", "torch.mish(x)");
    static final NativeOp SILU = new NativeOp("silu", "torch.silu(x)");
    static final NativeOp HARDSWISH = new NativeOp("hardswish", "torch.hardswish(x)");
    static final NativeOp GELU_TANH = new NativeOp("gelu_tanh", "torch.gelu(x, approximate=\"tanh\")");
    static final NativeOp RELU6 = new NativeOp("relu6", "torch.hardtanh(x, 0., 6.)");

    // DJL's toType runs without autograd; these casts are differentiable (6 and 5: torch's ScalarType codes).
    // No bfloat16: DJL 0.35.1's PyTorch engine has no such DataType (its toType(BFLOAT16) aborts the JVM).
    static final NativeOp TO_FLOAT32 = new NativeOp("to_float32", "torch.to(x, 6)");
    static final NativeOp TO_FLOAT16 = new NativeOp("to_float16", "torch.to(x, 5)");

    /** The ops shipped as resources. */
    static final List<NativeOp> SHIPPED =
            List.of(MISH, SILU, HARDSWISH, GELU_TANH, RELU6, TO_FLOAT32, TO_FLOAT16);

    private static @Nullable NDManager manager;

    private NativeOps() {}

    /** Returns whether the default engine is PyTorch, the only one these kernels run on. */
    static boolean available() {
        return "PyTorch".equals(Engine.getDefaultEngineName());
    }

    /** The parameterised ops made so far, one per (name, expression): each loads its module once per JVM. */
    private static final java.util.concurrent.ConcurrentMap<String, NativeOp> CUSTOM =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A parameterised op, e.g. {@code celu} with alpha: its archive is written in memory. One instance per
     * parameter set, so {@code Activations.get("celu:0.5")} called again reuses the module already loaded.
     */
    static NativeOp custom(String name, String expression) {
        return CUSTOM.computeIfAbsent(name + '\n' + expression, k -> new NativeOp(name, expression));
    }

    /** How many distinct custom operations exist: one per name and expression, however often they are asked for. */
    static int customCount() {
        return CUSTOM.size();
    }

    /**
     * Converts between float32 and float16 (and bfloat16 on engines that have it) so that gradients flow through the conversion (on
     * PyTorch while recording); elsewhere it is DJL's {@code toType}.
     */
    static NDArray cast(NDArray x, DataType type) {
        if (x.getDataType() == type) {
            return x.duplicate();
        }
        if (!recording(x)) {
            return x.toType(type, false);
        }
        switch (type) {
            case FLOAT32:
                return TO_FLOAT32.apply(x);
            case FLOAT16:
                return TO_FLOAT16.apply(x);
            default:
                throw new IllegalArgumentException("No differentiable cast to " + type);
        }
    }

    /**
     * Whether operations on {@code x} may be recorded for backward. On PyTorch this is libtorch's grad mode
     * (on inside a {@code GradientCollector}): DJL's {@code hasGradient()} reads false for results that do
     * carry a graph (it counts only leaves), so it cannot tell.
     */
    static boolean recording(NDArray x) {
        if (x instanceof PtNDArray) {
            return TorchInternals.isGradMode();
        }
        return x.hasGradient();
    }

    private static synchronized NDManager manager() {
        if (manager == null) {
            manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
        }
        return manager;
    }

    /** One fused aten op as a TorchScript module, loaded once per JVM. */
    static final class NativeOp {
        private final String name;
        private final String expression;
        private volatile @Nullable PtSymbolBlock module;

        private NativeOp(String name, String expression) {
            this.name = name;
            this.expression = expression;
        }

        String name() {
            return name;
        }

        /** The archive's bytes, as {@link TorchScriptArchive} writes them. */
        byte[] archive() {
            return TorchScriptArchive.write(className(), expression);
        }

        String resourceName() {
            return RESOURCE_DIR + name + ".pt";
        }

        private String className() {
            StringBuilder out = new StringBuilder();
            for (String part : name.split("[^A-Za-z0-9]+")) {
                if (!part.isEmpty()) {
                    out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
                }
            }
            return out.toString();
        }

        NDArray apply(NDArray x) {
            if (!(x instanceof PtNDArray)) {
                throw new UnsupportedOperationException(
                        "The native " + name + " kernel needs the PyTorch engine, but the array is on "
                                + x.getManager().getEngine().getEngineName()
                                + "; use Mish.Impl.ANALYTIC (or the registry's default) instead");
            }
            // IValueUtils reads structure from array names ("a.b", "[]", ...): pass an unnamed view.
            NDArray input = x.getName() == null ? x : x.reshape(x.getShape());
            try {
                // "training" = run under the thread's own grad mode (on inside a GradientCollector). DJL's
                // inference mode would instead make InferenceMode tensors, which later in-place or autograd
                // use rejects (and which crashed libtorch here when mixed with recorded calls).
                NDList out = TorchInternals.forward(module(), new NDList(input));
                return out.singletonOrThrow();
            } finally {
                if (input != x) {
                    input.close();
                }
            }
        }

        private PtSymbolBlock module() {
            PtSymbolBlock loaded = module;
            if (loaded == null) {
                synchronized (this) {
                    loaded = module;
                    if (loaded == null) {
                        loaded = load();
                        module = loaded;
                    }
                }
            }
            return loaded;
        }

        private PtSymbolBlock load() {
            try (InputStream shipped = NativeOps.class.getResourceAsStream(resourceName());
                    InputStream in = shipped != null ? shipped : new ByteArrayInputStream(archive())) {
                return TorchInternals.loadModule((PtNDManager) manager(), in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the TorchScript module of " + name, e);
            }
        }

        @Override
        public String toString() {
            return name + " = " + expression;
        }
    }
}
