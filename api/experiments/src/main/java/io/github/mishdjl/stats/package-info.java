/**
 * Statistics of runs: paired and unpaired tests, Holm's correction over a family, minimum detectable differences, the
 * paper's published numbers.
 */
@NullMarked
package io.github.mishdjl.stats;

import org.jspecify.annotations.NullMarked;
