package io.github.mishdjl.activation;

import ai.djl.ndarray.NDArray;

/**
 * Mish with the project's own gradient, attached through the stop-gradient identity.
 *
 * <p>DJL has no custom-autograd API for Java blocks, so the closed-form slope {@code g = f'(x)} is computed
 * in the forward pass, and the output is built as {@code z = (x - stop(x)) * g + y}: its value is exactly
 * {@code y} (the difference is an exact zero for finite x), its gradient is exactly {@code g}.
 *
 * <p>Memory: at most three input-sized temporaries live at once, and after the forward pass autograd keeps
 * only {@code g} (the product is computed in place, and an in-place product with a constant saves only the
 * constant). Closed forms without log or tanh: with {@code e = exp(min(x, 20))} and {@code n = e (e + 2)},
 * {@code t = tanh(softplus(x)) = n / (n + 2)} and {@code sigmoid(x) = e / (e + 1)}; the clamp is PyTorch's
 * softplus threshold, where {@code t} is 1 in float32 and float64 alike.
 */
final class MishAnalytic {

    private MishAnalytic() {}

    static NDArray apply(NDArray x) {
        boolean record = NativeOps.recording(x);
        try (NDArray detached = x.stopGradient()) {
            NDArray[] valueAndSlope = valueAndSlope(detached);
            NDArray y = valueAndSlope[0];
            NDArray g = valueAndSlope[1];
            if (!record) {
                g.close();
                return y;
            }
            try (y;
                    g) {
                // x - stop(x): an exact zero that carries d/dx = 1; in place keeps one buffer.
                NDArray z = x.sub(detached);
                z.muli(g).addi(y);
                restorePositiveInfinity(z, detached);
                return z;
            }
        }
    }

    /**
     * Returns {@code {f(x), f'(x)}} for an array that records no gradient, in place where possible.
     *
     * @param x a float32 or float64 array without gradient
     * @return the value and the slope, both owned by the caller
     */
    static NDArray[] valueAndSlope(NDArray x) {
        NDArray a;
        try (NDArray clamped = x.minimum(Mish.SOFTPLUS_THRESHOLD)) {
            a = clamped.exp(); // e
        }
        NDArray b = a.add(2f).muli(a); // n = e (e + 2)
        try (NDArray c = b.add(2f)) {
            b.divi(c); // t = n / (n + 2)
        }
        try (NDArray c = a.add(1f)) {
            a.divi(c).muli(x); // x * sigmoid(x)
        }
        try (NDArray c = b.square()) {
            a.muli(c.negi().addi(1f)).addi(b); // g = t + x sigmoid(x) (1 - t^2)
        }
        b.muli(x); // y = x t
        return new NDArray[] {b, a};
    }

    /**
     * At {@code x = +inf} the zero {@code x - stop(x)} is NaN; the native kernel gives {@code +inf} there.
     * A max-reduction detects the rare case; the masked write then restores the value.
     */
    private static void restorePositiveInfinity(NDArray z, NDArray x) {
        if (x.size() == 0) {
            return;
        }
        double max;
        try (NDArray m = x.max()) {
            max = m.toArray()[0].doubleValue();
        }
        if (max == Double.POSITIVE_INFINITY || Double.isNaN(max)) {
            try (NDArray positiveInfinity = x.eq(Float.POSITIVE_INFINITY)) {
                z.set(positiveInfinity, Float.POSITIVE_INFINITY);
            }
        }
    }
}
