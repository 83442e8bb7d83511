package io.github.mishdjl.activation;

import ai.djl.ndarray.NDArray;

/**
 * Mish with the project's own gradient, attached through the stop-gradient identity.
 *
 * <p>DJL has no custom-autograd API for Java blocks, so the closed-form slope {@code g = f'(x)} is computed
 * in the forward pass, and the output is built as {@code z = (x - stop(x)) * g + y}: its value is exactly
 * {@code y} (the difference is an exact zero for finite x), its gradient is exactly {@code g}.
 *
 * <p>Closed forms without log or tanh: with {@code c = min(x, 20)}, {@code e = exp(c)}, {@code n = e (e + 2)}
 * and {@code u = n + 2}: {@code t = tanh(softplus(x)) = n / u}, {@code sigmoid(x) = e / (e + 1)}, {@code 1 - t^2
 * = 4 (e + 1)^2 / u^2}, so {@code f'(x) = t + x sigmoid(x) (1 - t^2) = t + 4 c e (e + 1) / u^2}. The clamp is
 * PyTorch's softplus threshold, where {@code t} is 1 in float32 and float64 alike, and keeps {@code u^2 <= e^80}
 * finite.
 *
 * <p>Memory and speed: three input-sized buffers in all (the output among them), every other step in place
 * (on CPU a fresh tensor costs several passes: its pages are mapped and faulted in). After the forward pass
 * autograd keeps only {@code g}: an in-place product with a constant saves only the constant.
 */
final class MishAnalytic {

    private MishAnalytic() {}

    static NDArray apply(NDArray x) {
        boolean record = NativeOps.recording(x);
        try (NDArray detached = x.stopGradient()) {
            NDArray[] work = valueSlopeAndScratch(detached);
            NDArray y = work[0];
            NDArray g = work[1];
            NDArray z = work[2];
            if (!record) {
                g.close();
                z.close();
                return y;
            }
            try (y;
                    g) {
                // z = (x - stop(x)) * g + y, built in the scratch buffer: a recorded in-place add of x onto an
                // exact zero makes z part of the graph (d z / d x = 1) without allocating; autograd then saves
                // only g for the in-place product.
                z.subi(z).addi(x).subi(detached);
                z.muli(g).addi(y);
                restorePositiveInfinity(z, detached);
                return z;
            }
        }
    }

    /**
     * Returns {@code {f(x), f'(x)}} for an array that records no gradient.
     *
     * @param x a float32 or float64 array without gradient
     * @return the value and the slope, both owned by the caller
     */
    static NDArray[] valueAndSlope(NDArray x) {
        NDArray[] work = valueSlopeAndScratch(x);
        work[2].close();
        return new NDArray[] {work[0], work[1]};
    }

    /**
     * {@code {y, g, scratch}} with three allocations: every other step is in place. On CPU a fresh tensor
     * costs far more than a pass over one (its pages are mapped and faulted in), so the buffers are reused.
     */
    private static NDArray[] valueSlopeAndScratch(NDArray x) {
        NDArray a = x.minimum(Mish.SOFTPLUS_THRESHOLD); // c = min(x, 20), then scratch
        NDArray e = a.exp();
        NDArray b = e.add(2f).muli(e); // n = e (e + 2)
        e.negi().addi(b).muli(a).muli(4f); // 4 c e (e + 1), as e (e + 1) = n - e
        a.subi(a).addi(b).addi(2f); // u = n + 2
        b.divi(a); // t = n / u
        e.divi(a).divi(a).addi(b); // g = t + 4 x e (e + 1) / u^2
        b.muli(x); // y = x t
        return new NDArray[] {b, e, a};
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
