/**
 * One training run from its spec: protocols, schedules, optimisers, checkpoints and exact resumption, and the record
 * it leaves.
 */
@NullMarked
package io.github.mishdjl.train;

import org.jspecify.annotations.NullMarked;
