/**
 * Benchmarks: activation kernels, training steps and epochs, peak memory, measured side by side in one run.
 */
@NullMarked
package io.github.mishdjl.bench;

import org.jspecify.annotations.NullMarked;
