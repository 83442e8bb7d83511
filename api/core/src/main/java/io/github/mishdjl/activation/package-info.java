/**
 * Mish and the activations the paper compares it with: one registry from name to function ({@link
 * io.github.mishdjl.activation.Activations}), several implementations behind a name (Mish's fused native kernel, its
 * analytic gradient, autograd), and the parameter-free DJL block that applies any of them.
 */
@NullMarked
package io.github.mishdjl.activation;

import org.jspecify.annotations.NullMarked;
