package io.github.mishdjl.activation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.InputStream;
import org.jspecify.annotations.NullMarked;

/**
 * The only place that touches DJL's PyTorch-engine internals ({@code JniUtils}, {@code IValueUtils}), which are
 * public classes but not DJL's API and may change between releases. The first use checks that they are there as
 * this library was built against them and, if not, fails with a message that names the DJL version expected and the
 * way around it (the analytic Mish needs none of this).
 */
@NullMarked
final class TorchInternals {

    /** The DJL release these calls were written and tested against. */
    static final String EXPECTED_DJL = "0.35.1";

    /** Set once {@link #selfCheck()} passed. */
    private static volatile boolean checked;
    /** Set once a call went through: a later linkage failure then means mixed jars, not another release. */
    private static volatile boolean worked;

    private TorchInternals() {}

    /** libtorch's grad mode on this thread (on inside a {@code GradientCollector}). */
    static boolean isGradMode() {
        return call(JniUtils::isGradMode);
    }

    /** Loads a TorchScript module. */
    static PtSymbolBlock loadModule(PtNDManager manager, InputStream in) {
        return call(() -> JniUtils.loadModule(manager, in, true, false));
    }

    /** Runs a TorchScript module under the thread's own grad mode. */
    static NDList forward(PtSymbolBlock module, NDList inputs) {
        return call(() -> IValueUtils.forward(module, inputs, true));
    }

    /**
     * The self-check of first use: the three entry points exist with the signatures this class calls. Throws the
     * {@link #mismatch} message when they do not, before any of them runs.
     */
    static void selfCheck() {
        if (checked) {
            return;
        }
        try {
            expect(JniUtils.class.getMethod("isGradMode"), boolean.class);
            expect(JniUtils.class.getMethod("loadModule", PtNDManager.class, InputStream.class, boolean.class,
                    boolean.class), PtSymbolBlock.class);
            expect(IValueUtils.class.getMethod("forward", PtSymbolBlock.class, NDList.class, boolean.class),
                    NDList.class);
        } catch (NoSuchMethodException e) {
            throw mismatch(new NoSuchMethodError(e.getMessage()));
        } catch (LinkageError e) {
            throw mismatch(e); // a class of the engine missing or changed: say so with the version, not raw
        }
        checked = true;
    }

    private static void expect(java.lang.reflect.Method method, Class<?> returns) {
        if (!java.lang.reflect.Modifier.isStatic(method.getModifiers()) || method.getReturnType() != returns) {
            throw mismatch(new NoSuchMethodError(method + " (expected static, returning " + returns.getName() + ")"));
        }
    }

    private static <T> T call(java.util.concurrent.Callable<T> body) {
        selfCheck();
        try {
            T result = body.call();
            worked = true;
            return result;
        } catch (LinkageError e) {
            throw mismatch(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static IllegalStateException mismatch(LinkageError e) {
        String found;
        try {
            found = Engine.getDjlVersion();
        } catch (RuntimeException | LinkageError other) {
            found = "unknown";
        }
        return new IllegalStateException("mish-djl's native kernels call DJL's PyTorch-engine internals as of DJL "
                + EXPECTED_DJL + ", but this is DJL " + found + " and they differ (" + e + "). Use DJL " + EXPECTED_DJL
                + ", or Mish.Impl.ANALYTIC, which needs no engine internals" + (worked ? " (they worked before in"
                + " this JVM: mixed DJL jars on the class path?)" : ""), e);
    }
}
