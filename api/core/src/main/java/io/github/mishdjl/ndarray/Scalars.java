package io.github.mishdjl.ndarray;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.NullMarked;

/**
 * Constants inside a forward pass that autograd records, made safe.
 *
 * <p>DJL 0.35.1's PyTorch engine implements {@code x.mul(number)} (likewise {@code div}, {@code maximum},
 * {@code minimum}, {@code pow} and their in-place forms with a {@code Number}) by wrapping the number in a tensor
 * over a Java direct buffer and releasing it when the call returns. libtorch's backward keeps that scalar tensor
 * and reads it again, so once a garbage collection has freed the buffer it reads freed memory: the gradient of
 * {@code x.mul(0.17f)} came back as 20.0 or -1e36 in every round of {@code ScalarsTest}, silently, or as a NaN loss
 * a few steps later (Inception-ResNet-v2's residual scaling). A constant made here is allocated by the engine
 * itself, so the reference autograd keeps holds its memory alive: it can be closed as soon as the op returns.
 */
@NullMarked
public final class Scalars {

    private Scalars() {}

    /**
     * A 0-dimensional array holding {@code value} in {@code like}'s data type, on its manager and device, in memory
     * the engine owns.
     *
     * @throws IllegalArgumentException if {@code like} is not a floating-point array (nothing differentiable is)
     */
    public static NDArray of(NDArray like, double value) {
        if (!like.getDataType().isFloating()) {
            throw new IllegalArgumentException("Scalars are constants for differentiable (floating-point) arrays; got "
                    + like.getDataType() + ": use the NDArray's own op with a Number there");
        }
        NDArray c = like.getManager().ones(new Shape(), like.getDataType());
        c.muli(value); // in place on an array no graph records: the temporary scalar is read once, right here
        return c;
    }

    /** {@code x * c}, safe to differentiate. */
    public static NDArray mul(NDArray x, double c) {
        return with(x, c, NDArray::mul);
    }

    /** {@code x / c}, safe to differentiate. */
    public static NDArray div(NDArray x, double c) {
        return with(x, c, NDArray::div);
    }

    /** {@code max(x, c)} element-wise, safe to differentiate. */
    public static NDArray maximum(NDArray x, double c) {
        return with(x, c, NDArray::maximum);
    }

    /** {@code min(x, c)} element-wise, safe to differentiate. */
    public static NDArray minimum(NDArray x, double c) {
        return with(x, c, NDArray::minimum);
    }

    /** {@code x *= c} in place, safe to differentiate; returns {@code x}. */
    public static NDArray muli(NDArray x, double c) {
        return with(x, c, NDArray::muli);
    }

    /** {@code op(x, c)} with {@code c} made by {@link #of}, closed once the op has returned. */
    private static NDArray with(NDArray x, double c, BinaryOperator<NDArray> op) {
        try (NDArray s = of(x, c)) {
            return op.apply(x, s);
        }
    }
}
