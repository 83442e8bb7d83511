package io.github.mishdjl.testing;

/**
 * Mish and its derivative in float64 from the paper's closed forms, written independently of the library:
 * softplus through log1p, tanh from the JDK, and the derivative as {@code e^x w / d^2} (paper, eq. 5), not the
 * {@code t + x sigmoid(x) (1 - t^2)} form the library uses. PyTorch's softplus threshold of 20 applies.
 */
public final class MishReference {

    private MishReference() {}

    public static double softplus(double x) {
        return x > 20 ? x : (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
    }

    public static double value(double x) {
        return x * Math.tanh(softplus(x));
    }

    /** f'(x) = e^x w / d^2, w = 4(x+1) + 4e^{2x} + e^{3x} + e^x(4x+6), d = 2e^x + e^{2x} + 2. */
    public static double derivative(double x) {
        if (x > 20) {
            return 1.0; // softplus(x) = x there, tanh(x) = 1 and its slope underflows
        }
        if (x < -600) {
            return 0.0 * x; // e^x underflows: the limit, with the sign of the product
        }
        double e = Math.exp(x);
        double w = 4 * (x + 1) + 4 * e * e + e * e * e + e * (4 * x + 6);
        double d = 2 * e + e * e + 2;
        return e * w / (d * d);
    }
}
