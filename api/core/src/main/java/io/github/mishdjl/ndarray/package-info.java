/**
 * NDArray helpers: constants that autograd keeps alive until backward reads them (DJL's {@code Number} operands are
 * freed too early).
 */
@NullMarked
package io.github.mishdjl.ndarray;

import org.jspecify.annotations.NullMarked;
